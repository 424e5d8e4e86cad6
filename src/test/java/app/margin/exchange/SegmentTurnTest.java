package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.margin.exchange.SegmentExportService.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentTurnTest {
    /** Turns as the importer cuts them: consecutive, with a gap for each speaker label. */
    private static List<Turn> turns(int count, Random random) {
        List<Turn> turns = new ArrayList<>();
        int at = random.nextInt(5);
        for (int seq = 0; seq < count; seq++) {
            int start = at + random.nextInt(12); // the label
            int end = start + random.nextInt(40); // possibly empty
            turns.add(new Turn(1, seq, start, end, "P" + seq, null));
            at = end;
        }
        return turns;
    }

    /** What the export did before the binary search: the first turn holding the offset. */
    private static Turn scanned(List<Turn> turns, int offset) {
        return turns.stream().filter(t -> t.startOffset() <= offset && offset < t.endOffset()).findFirst().orElse(null);
    }

    @Test
    void findsTheSameTurnAsAScanOfEveryTurn() {
        Random random = new Random(14);
        for (int round = 0; round < 200; round++) {
            List<Turn> turns = turns(random.nextInt(30), random);
            int length = turns.isEmpty() ? 10 : turns.getLast().endOffset() + 5;
            for (int offset = 0; offset <= length; offset++) {
                assertEquals(scanned(turns, offset), Turn.containing(turns, offset), "offset " + offset);
            }
        }
    }

    @Test
    void anOffsetInASpeakerLabelOrOutsideEveryTurnHasNone() {
        List<Turn> turns = List.of(new Turn(1, 0, 13, 40, "Interviewer", null), new Turn(1, 1, 46, 90, "P07", 5000L));
        assertNull(Turn.containing(turns, 0));
        assertNull(Turn.containing(turns, 42));
        assertNull(Turn.containing(turns, 90));
        assertNull(Turn.containing(List.of(), 3));
        assertEquals(1, Turn.containing(turns, 46).seq());
        assertEquals(0, Turn.containing(turns, 39).seq());
    }
}
