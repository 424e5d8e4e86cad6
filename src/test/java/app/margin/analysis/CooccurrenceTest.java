package app.margin.analysis;

import static app.margin.analysis.CooccurrenceMode.OVERLAP;
import static app.margin.analysis.CooccurrenceMode.PROXIMITY;
import static app.margin.analysis.CooccurrenceMode.UNIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small examples counted by hand. Codes A = 1, B = 2, C = 3. */
class CooccurrenceTest {
    static final long A = 1;
    static final long B = 2;
    static final long C = 3;
    static final List<Long> CODES = List.of(A, B, C);

    /** A segment with characters [start, end); words and units follow the characters (10 characters a word). */
    static Segment chars(long document, long code, int start, int end) {
        return new Segment(document, code, start, end, start / 10, (end + 9) / 10, 0, 0);
    }

    static Segment words(long document, long code, int startWord, int endWord) {
        return new Segment(document, code, startWord * 10, endWord * 10, startWord, endWord, 0, 0);
    }

    static Segment units(long document, long code, int firstUnit, int lastUnit) {
        return new Segment(document, code, 0, 1, 0, 1, firstUnit, lastUnit);
    }

    static long[][] rows(long[]... rows) {
        return rows;
    }

    static void assertMatrix(long[][] expected, long[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
        }
    }

    @Test
    void overlappingSegmentsCooccurButTouchingOnesDoNot() {
        List<Segment> segments = List.of(
                chars(1, A, 0, 10),
                chars(1, B, 5, 15),   // overlaps A on [5, 10)
                chars(1, C, 15, 20)); // touches B at 15, shares no character
        CodeMatrix m = Cooccurrence.compute(segments, CODES, OVERLAP, 0);
        assertMatrix(rows(new long[] {1, 1, 0}, new long[] {1, 1, 0}, new long[] {0, 0, 1}), m.segments());
        assertMatrix(rows(new long[] {1, 1, 0}, new long[] {1, 1, 0}, new long[] {0, 0, 1}), m.documents());
    }

    @Test
    void aNestedSegmentOverlapsItsContainerAndPairsAreCountedPerSegment() {
        List<Segment> segments = List.of(
                chars(1, A, 0, 100),
                chars(1, B, 10, 20),  // inside A
                chars(1, B, 30, 40),  // inside A, apart from the first B
                chars(1, C, 35, 36)); // inside A and the second B
        CodeMatrix m = Cooccurrence.compute(segments, CODES, OVERLAP, 0);
        // A–B: 2 pairs; A–C: 1; B–C: 1 (only the second B); the two Bs overlap nothing of their own code anyway.
        assertMatrix(rows(new long[] {1, 2, 1}, new long[] {2, 2, 1}, new long[] {1, 1, 1}), m.segments());
        assertMatrix(rows(new long[] {1, 1, 1}, new long[] {1, 1, 1}, new long[] {1, 1, 1}), m.documents());
    }

    @Test
    void segmentsOfTheSameCodeAreNeverCountedOffTheDiagonal() {
        List<Segment> segments = List.of(
                chars(1, A, 0, 50),
                chars(1, A, 10, 20),  // nested in the other A
                chars(1, A, 0, 50),   // the same passage coded A twice
                chars(1, B, 15, 16));
        CodeMatrix m = Cooccurrence.compute(segments, CODES, OVERLAP, 0);
        // diagonal: 3 segments of A (a plain count); A–B: B overlaps all three A segments
        assertMatrix(rows(new long[] {3, 3, 0}, new long[] {3, 1, 0}, new long[] {0, 0, 0}), m.segments());
        assertMatrix(rows(new long[] {1, 1, 0}, new long[] {1, 1, 0}, new long[] {0, 0, 0}), m.documents());
    }

    @Test
    void theSamePassageCodedWithTwoCodesIsOnePair() {
        List<Segment> segments = List.of(chars(1, A, 5, 9), chars(1, B, 5, 9));
        for (CooccurrenceMode mode : CooccurrenceMode.values()) {
            CodeMatrix m = Cooccurrence.compute(segments, CODES, mode, 0);
            assertEquals(1, m.segments()[0][1], mode.name());
            assertEquals(1, m.segments()[1][0], mode.name());
        }
    }

    @Test
    void segmentsInDifferentDocumentsNeverCooccurAndDocumentsAreCountedOnce() {
        List<Segment> segments = List.of(
                chars(1, A, 0, 10), chars(1, B, 0, 10), chars(1, B, 5, 8),  // document 1: two A–B pairs
                chars(2, A, 0, 10), chars(2, B, 20, 30),                    // document 2: none
                chars(3, A, 0, 10), chars(3, B, 9, 12));                    // document 3: one
        CodeMatrix m = Cooccurrence.compute(segments, CODES, OVERLAP, 0);
        assertEquals(3, m.segments()[0][1]);
        assertEquals(2, m.documents()[0][1]);
        assertEquals(3, m.documents()[0][0]);
        assertEquals(3, m.documents()[1][1]);
        assertEquals(4, m.segments()[1][1]);
    }

    @Test
    void sameUnitCountsAMultiUnitSegmentOncePerPair() {
        List<Segment> segments = List.of(
                units(1, A, 2, 5),   // spans units 2..5
                units(1, B, 3, 4),   // shares units 3 and 4 with A: still one pair
                units(1, B, 5, 7),   // shares unit 5 with A
                units(1, C, 6, 6),   // shares unit 6 with the second B only
                units(1, C, 0, 1));  // before everything
        CodeMatrix m = Cooccurrence.compute(segments, CODES, UNIT, 0);
        assertMatrix(rows(new long[] {1, 2, 0}, new long[] {2, 2, 1}, new long[] {0, 1, 2}), m.segments());
        assertMatrix(rows(new long[] {1, 1, 0}, new long[] {1, 1, 1}, new long[] {0, 1, 1}), m.documents());
    }

    @Test
    void documentAsTheUnitPairsEverySegmentOfTheDocument() {
        List<Segment> segments = List.of(units(1, A, 0, 0), units(1, A, 0, 0), units(1, B, 0, 0), units(1, C, 0, 0),
                units(2, B, 0, 0), units(2, C, 0, 0));
        CodeMatrix m = Cooccurrence.compute(segments, CODES, UNIT, 0);
        assertMatrix(rows(new long[] {2, 2, 2}, new long[] {2, 2, 2}, new long[] {2, 2, 2}), m.segments());
        assertMatrix(rows(new long[] {1, 1, 1}, new long[] {1, 2, 2}, new long[] {1, 2, 2}), m.documents());
    }

    @Test
    void proximityCountsTheWordsBetweenUpToExactlyN() {
        // A covers words [0, 3); B starts at word 6: words 3, 4, 5 lie between them — 3 words.
        List<Segment> segments = List.of(words(1, A, 0, 3), words(1, B, 6, 8));
        assertEquals(0, Cooccurrence.compute(segments, CODES, PROXIMITY, 2).segments()[0][1]);
        assertEquals(1, Cooccurrence.compute(segments, CODES, PROXIMITY, 3).segments()[0][1]);
        assertEquals(1, Cooccurrence.compute(segments, CODES, PROXIMITY, 4).segments()[1][0]);
        // the same the other way round (B before A)
        List<Segment> reversed = List.of(words(1, A, 11, 12), words(1, B, 6, 8));
        assertEquals(0, Cooccurrence.compute(reversed, CODES, PROXIMITY, 2).segments()[0][1]);
        assertEquals(1, Cooccurrence.compute(reversed, CODES, PROXIMITY, 3).segments()[0][1]);
    }

    @Test
    void touchingAndOverlappingSegmentsAreZeroWordsApart() {
        List<Segment> touching = List.of(words(1, A, 0, 3), words(1, B, 3, 5));
        assertEquals(1, Cooccurrence.compute(touching, CODES, PROXIMITY, 0).segments()[0][1]);
        assertEquals(0, Cooccurrence.compute(touching, CODES, OVERLAP, 0).segments()[0][1]);
        List<Segment> nested = List.of(words(1, A, 0, 30), words(1, B, 10, 11), words(1, C, 31, 32));
        CodeMatrix m = Cooccurrence.compute(nested, CODES, PROXIMITY, 0);
        assertEquals(1, m.segments()[0][1]);
        assertEquals(0, m.segments()[0][2]); // one word (30) between A and C
        assertEquals(1, Cooccurrence.compute(nested, CODES, PROXIMITY, 1).segments()[0][2]);
        assertEquals(0, Cooccurrence.compute(nested, CODES, PROXIMITY, 1).segments()[1][2]);
    }

    @Test
    void segmentsOfUnlistedCodesAreIgnoredAndTheOrderOfCodesIsKept() {
        List<Segment> segments = List.of(chars(1, A, 0, 10), chars(1, B, 0, 10), chars(1, 99, 0, 10));
        CodeMatrix m = Cooccurrence.compute(segments, List.of(B, A), OVERLAP, 0);
        assertEquals(List.of(B, A), m.codeIds());
        assertMatrix(rows(new long[] {1, 1}, new long[] {1, 1}), m.segments());
        CodeMatrix empty = Cooccurrence.compute(List.of(), CODES, UNIT, 0);
        assertMatrix(new long[3][3], empty.segments());
        assertEquals(0, Cooccurrence.compute(segments, List.of(), OVERLAP, 0).segments().length);
    }

    @Test
    void anEmptySegmentOverlapsOnlyWhatStrictlySurroundsIt() {
        // [5, 5) lies inside [0, 10) (0 < 5 and 5 < 10) but not inside [5, 10) (5 < 5 fails)
        List<Segment> segments = List.of(chars(1, A, 5, 5), chars(1, B, 0, 10), chars(1, C, 5, 10));
        CodeMatrix m = Cooccurrence.compute(segments, CODES, OVERLAP, 0);
        assertEquals(1, m.segments()[0][1]);
        assertEquals(0, m.segments()[0][2]);
        assertEquals(1, m.segments()[1][2]);
    }

    @Test
    void rejectsWhatCannotBeCounted() {
        assertThrows(IllegalArgumentException.class, () -> Cooccurrence.compute(List.of(), CODES, PROXIMITY, -1));
        assertThrows(IllegalArgumentException.class, () -> Cooccurrence.compute(List.of(), List.of(A, A), UNIT, 0));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Cooccurrence.compute(List.of(), java.util.stream.LongStream.rangeClosed(1, 2_001).boxed()
                        .toList(), UNIT, 0));
        assertTrue(tooMany.getMessage().contains("2000"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Segment(1, A, 5, 4, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Segment(1, A, 0, 4, 2, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Segment(1, A, 0, 4, 0, 1, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new Segment(1, A, -1, 4, 0, 1, 0, 0));
    }

    @Test
    void aHugeProximityDistanceDoesNotOverflow() {
        List<Segment> segments = List.of(words(1, A, 0, 1), words(1, B, 1_000_000, 1_000_001));
        assertEquals(1, Cooccurrence.compute(segments, CODES, PROXIMITY, Integer.MAX_VALUE).segments()[0][1]);
    }
}
