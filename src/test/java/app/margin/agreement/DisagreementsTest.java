package app.margin.agreement;

import app.margin.text.Segment;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisagreementsTest {
    @Test
    void identicalSegmentsAreNoDisagreement() {
        assertEquals(List.of(), Disagreements.find(List.of(List.of(new Segment(5, 10)), List.of(new Segment(5, 10)))));
    }

    @Test
    void regionsJoinOverlappingSegmentsAndMeasureTheDifference() {
        List<Disagreements.Region> regions = new ArrayList<>(Disagreements.find(List.of(
                List.of(new Segment(0, 10), new Segment(40, 50)),
                List.of(new Segment(1, 10)),
                List.of(new Segment(0, 10), new Segment(20, 30)))));
        assertEquals(3, regions.size());
        regions.sort(Disagreements.MOST_DIFFERENT_FIRST);
        // [20,30) and [40,50) were each coded by one coder only: difference 1, equally long
        assertEquals(1.0, regions.get(0).difference());
        assertEquals(1.0, regions.get(1).difference());
        Disagreements.Region boundary = regions.get(2);
        assertEquals(0, boundary.start());
        assertEquals(10, boundary.end());
        assertEquals(0.1, boundary.difference(), 1e-12, "one character of ten not covered by all");
        assertArrayEquals(new boolean[] {true, true, true}, boundary.applied());
        assertArrayEquals(new boolean[] {false, false, true}, regions.stream().filter(r -> r.start() == 20)
                .findFirst().orElseThrow().applied());
    }
}
