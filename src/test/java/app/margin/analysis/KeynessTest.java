package app.margin.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeynessTest {

    /**
     * Worked by hand from the formula of Rayson's log-likelihood wizard (ucrel.lancs.ac.uk/llwizard.html, the page
     * gives the formula but no numeric example): a = 10 in a target of c = 1,000 tokens, b = 10 in a reference of
     * d = 10,000 tokens. E1 = 1,000 · 20 / 11,000 = 20/11; E2 = 10,000 · 20 / 11,000 = 200/11.
     * G² = 2 · (10 · ln(10 / (20/11)) + 10 · ln(10 / (200/11))) = 20 · (ln 5.5 + ln 0.55) = 20 · ln 3.025
     * = 20 · 1.1069111 = 22.138222.
     */
    @Test
    void logLikelihoodMatchesTheWorkedExample() {
        assertEquals(22.138222, Keyness.logLikelihood(10, 10, 1_000, 10_000), 1e-6);
        assertEquals(20 * Math.log(3.025), Keyness.logLikelihood(10, 10, 1_000, 10_000), 1e-9);
    }

    /** b = 0: the 0 · ln 0 term is 0. a = 5, c = 100, d = 900: E1 = 100 · 5 / 1,000 = 0.5, G² = 2 · 5 · ln 10 = 23.025851. */
    @Test
    void aTermAbsentFromTheReferenceContributesOnlyItsTargetCell() {
        assertEquals(23.025851, Keyness.logLikelihood(5, 0, 100, 900), 1e-6);
        assertEquals(0, Keyness.logLikelihood(0, 0, 100, 900));
        assertEquals(0, Keyness.logLikelihood(0, 0, 0, 0));
        // the same relative frequency on both sides: no evidence at all
        assertEquals(0, Keyness.logLikelihood(10, 90, 100, 900), 1e-12);
        // swapping the corpora gives the same G²
        assertEquals(Keyness.logLikelihood(3, 40, 1_000, 9_000), Keyness.logLikelihood(40, 3, 9_000, 1_000), 1e-9);
    }

    @Test
    void ranksOnlyOverRepresentedTermsByDescendingLogLikelihood() {
        Map<String, Long> target = Map.of("family", 30L, "school", 3L, "the", 5L);
        Map<String, Long> reference = Map.of("family", 70L, "school", 1L, "the", 500L, "work", 9L);
        List<KeyTerm> terms = Keyness.rank(target, 1_000, reference, 9_000, 10);
        // family: G² = 30.732717 (a/c = 3% vs b/d = 0.78%); school: 9.527550; "the" is under-represented (0.5% vs
        // 5.6%) and "work" never occurs in the target.
        assertEquals(List.of("family", "school"), terms.stream().map(KeyTerm::term).toList());
        assertEquals(new KeyTerm("family", 30, 70, terms.get(0).logLikelihood()), terms.get(0));
        assertEquals(30.732717, terms.get(0).logLikelihood(), 1e-6);
        assertEquals(9.527550, terms.get(1).logLikelihood(), 1e-6);
        assertEquals(List.of("family"), Keyness.rank(target, 1_000, reference, 9_000, 1).stream()
                .map(KeyTerm::term).toList());
        assertTrue(Keyness.rank(target, 1_000, reference, 9_000, 0).isEmpty());
    }

    @Test
    void corpusSizesDefaultToTheSumsOfTheCounts() {
        Map<String, Long> target = Map.of("care", 10L, "other", 990L);           // c = 1,000
        Map<String, Long> reference = Map.of("care", 10L, "other", 9_990L);      // d = 10,000
        List<KeyTerm> terms = Keyness.rank(target, reference, 5);
        assertEquals(1, terms.size()); // "other": 99% vs 99.9%, under-represented
        assertEquals("care", terms.getFirst().term());
        assertEquals(22.138222, terms.getFirst().logLikelihood(), 1e-6);
    }

    @Test
    void tiesAreOrderedByTerm() {
        Map<String, Long> target = Map.of("b", 4L, "a", 4L, "c", 2L);
        List<KeyTerm> terms = Keyness.rank(target, 10, Map.of(), 100, 10);
        assertEquals(List.of("a", "b", "c"), terms.stream().map(KeyTerm::term).toList());
        assertEquals(0, terms.get(0).referenceCount());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Keyness.rank(Map.of("a", 1L), Map.of(), -1));
        assertThrows(IllegalArgumentException.class, () -> Keyness.rank(Map.of("a", 5L), 4, Map.of(), 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Keyness.rank(Map.of("a", -5L), Map.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> Keyness.logLikelihood(5, 0, 4, 10));
        Map<String, Long> nullTerm = new java.util.HashMap<>();
        nullTerm.put(null, 3L);
        assertThrows(IllegalArgumentException.class, () -> Keyness.rank(nullTerm, Map.of(), 3));
    }

    @Test
    void overRepresentationIsDecidedWithoutRounding() {
        long big = Long.MAX_VALUE / 3;
        assertTrue(Keyness.overRepresented(big, big - 1, big, big));
        assertTrue(!Keyness.overRepresented(big - 1, big - 1, big, big));
        assertTrue(Keyness.overRepresented(2, 1, 3, 3));
    }
}
