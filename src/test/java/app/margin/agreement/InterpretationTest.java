package app.margin.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InterpretationTest {

    @Test
    void krippendorffsThresholds() {
        // Krippendorff (2004), Content Analysis, 2nd ed., p. 241: rely on α ≥ .800; .667 ≤ α < .800 only for
        // tentative conclusions.
        assertEquals(Interpretation.RELIABLE, Interpretation.of(1.0));
        assertEquals(Interpretation.RELIABLE, Interpretation.of(0.800));
        assertEquals(Interpretation.RELIABLE, Interpretation.of(1 - 0.2 - 1e-15), "floating-point noise");
        assertEquals(Interpretation.TENTATIVE, Interpretation.of(0.7999));
        assertEquals(Interpretation.TENTATIVE, Interpretation.of(0.667));
        assertEquals(Interpretation.UNRELIABLE, Interpretation.of(0.6669));
        assertEquals(Interpretation.UNRELIABLE, Interpretation.of(-0.75));
        assertEquals(Interpretation.UNDEFINED, Interpretation.of(null));
        assertEquals(Interpretation.UNDEFINED, Interpretation.of(Double.NaN));
    }

    @Test
    void plainLanguageLabels() {
        assertEquals("reliable", Interpretation.RELIABLE.label());
        assertEquals("tentative conclusions only", Interpretation.TENTATIVE.label());
        assertEquals("unreliable", Interpretation.UNRELIABLE.label());
        assertEquals("undefined", Interpretation.UNDEFINED.label());
    }
}
