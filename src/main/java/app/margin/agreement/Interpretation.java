package app.margin.agreement;

/**
 * A plain-language reading of α, after Krippendorff (2004, Content Analysis, 2nd ed., p. 241): rely on variables with
 * α ≥ .800, consider those with .667 ≤ α &lt; .800 only for tentative conclusions, and do not rely on the rest.
 * These are conventions, not statistical tests; Krippendorff also asks that the threshold fit the cost of being wrong.
 */
public enum Interpretation {
    RELIABLE("reliable"),
    TENTATIVE("tentative conclusions only"),
    UNRELIABLE("unreliable"),
    UNDEFINED("undefined");

    /** Absorbs floating-point noise, so that an α of exactly .8 computed as 0.7999999999999999 still reads .800. */
    private static final double TOLERANCE = 1e-9;

    private final String label;

    Interpretation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Interpretation of(Double alpha) {
        if (alpha == null || alpha.isNaN()) {
            return UNDEFINED;
        }
        if (alpha >= 0.800 - TOLERANCE) {
            return RELIABLE;
        }
        if (alpha >= 0.667 - TOLERANCE) {
            return TENTATIVE;
        }
        return UNRELIABLE;
    }
}
