package app.margin.agreement;

import app.margin.text.TextUnits;
import static org.junit.jupiter.api.Assertions.*;

import app.margin.agreement.RoundAgreement.Coded;
import app.margin.agreement.RoundAgreement.Figure;
import app.margin.agreement.RoundAgreement.Scope;
import app.margin.agreement.RoundAgreement.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundAgreementTest {
    @Test
    void figuresArePooledOverallPerCodePerDocumentAndPerPair() {
        List<Text> texts = List.of(new Text(1, 100, null), new Text(2, 50, null));
        List<Coded> codings = List.of(
                new Coded(1, 10, 0, 10, 20), new Coded(1, 10, 1, 10, 20), new Coded(1, 10, 2, 10, 20),
                new Coded(2, 10, 0, 0, 5), new Coded(2, 10, 1, 0, 5),
                new Coded(1, 11, 0, 50, 60), new Coded(1, 99, 0, 0, 100));
        List<Figure> figures = RoundAgreement.compute(UnitOfAnalysis.CHARACTER, List.of("a", "b", "c"),
                List.of(10L, 11L), texts, codings);
        Figure overall = figures.getFirst();
        assertEquals(Scope.OVERALL, overall.scope());
        assertEquals(2 * 150, overall.units(), "two codes × 150 characters; code 99 is not in the round");
        assertEquals(3, overall.coderCount());
        assertEquals("Fleiss", overall.kappaKind());
        Figure code10 = figures.stream().filter(f -> f.scope() == Scope.CODE && f.codeId() == 10L).findFirst().orElseThrow();
        assertEquals(150, code10.units());
        assertNotNull(code10.unitizingAlpha());
        assertTrue(code10.alpha() > 0.8);
        Figure code11 = figures.stream().filter(f -> f.scope() == Scope.CODE && f.codeId() == 11L).findFirst().orElseThrow();
        assertTrue(code11.alpha() < 0, "only one coder applied it: worse than chance");
        assertEquals(Interpretation.UNRELIABLE, code11.interpretation());
        assertEquals(2, figures.stream().filter(f -> f.scope() == Scope.DOCUMENT).count());
        List<Figure> pairs = figures.stream().filter(f -> f.scope() == Scope.PAIR).toList();
        assertEquals(3, pairs.size());
        assertEquals(List.of("a", "b"), pairs.getFirst().coders());
        assertEquals("Cohen", pairs.getFirst().kappaKind());
        // a and b coded code 10 identically; on code 11 only a: they disagree on 10 of 300 units
        assertEquals(290.0 / 300, pairs.getFirst().percentAgreement(), 1e-12);
    }

    @Test
    void sentenceUnitsCountSentences() {
        String text = "One. Two. Three.";
        List<Text> texts = List.of(new Text(1, text.length(), TextUnits.sentences(text)));
        List<Figure> figures = RoundAgreement.compute(UnitOfAnalysis.SENTENCE, List.of("a", "b"), List.of(7L), texts,
                List.of(new Coded(1, 7, 0, 0, 3), new Coded(1, 7, 1, 1, 2), new Coded(1, 7, 1, 5, 8)));
        Figure overall = figures.getFirst();
        assertEquals(3, overall.units());
        assertEquals(2.0 / 3, overall.percentAgreement(), 1e-12);
    }
}
