package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.margin.coding.CodingLayer;
import app.margin.exchange.ExchangeDtos.SegmentFilter;
import app.margin.problem.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter's defaults and the search hook: a query is refused until the search feature wires it in. */
@QuarkusTest
class SegmentFilterTest {
    @Inject
    SegmentExportService segments;

    @Test
    void defaultsAreTheMasterLayerAndNoRestriction() {
        SegmentFilter f = new SegmentFilter(null, true, null, null, null, null, null, null);
        assertEquals(CodingLayer.MASTER, f.layer());
        assertEquals(List.of(), f.codeIds());
        assertEquals(Map.of(), f.attributes());
        assertEquals("broker", f.withQuery("broker").query());
    }

    @Test
    void aSearchQueryIsRefusedUntilSearchIsWiredIn() {
        ProblemException e = assertThrows(ProblemException.class, () -> segments.export(1,
                new SegmentFilter(null, true, null, null, null, null, null, null).withQuery("broker")));
        assertEquals(400, e.status());
    }
}
