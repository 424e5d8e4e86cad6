package app.margin.agreement;

import java.util.Arrays;
import java.util.List;

/**
 * Krippendorff's α = 1 − D_o / D_e, computed from the coincidence matrix exactly as in Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability": D_o = Σ_c Σ_k o_ck δ²_ck / n and D_e = Σ_c Σ_k n_c n_k δ²_ck /
 * (n (n − 1)). It copes with any number of coders, missing values and all four levels of measurement, which is why
 * it is the coefficient Margin reports first.
 */
public final class KrippendorffAlpha {
    private KrippendorffAlpha() {
    }

    /**
     * @param alpha α, or null when undefined (see {@code reason})
     * @param observedDisagreement D_o, null when no unit has two values
     * @param expectedDisagreement D_e, null when no unit has two values
     * @param pairableUnits units coded by at least two coders (the others are left out)
     * @param pairableValues n, the values in those units
     * @param reason why α is undefined, or null when it is defined
     */
    public record Result(Double alpha, MeasurementLevel level, Double observedDisagreement,
            Double expectedDisagreement, int pairableUnits, int pairableValues, String reason) {
    }

    public static Result compute(ReliabilityData data, MeasurementLevel level) {
        return compute(data, level, null);
    }

    /**
     * @param categoryOrder the categories from lowest to highest, for ordinal labels that are not numbers
     *     (e.g. "low", "mid", "high"); null to order numbers numerically
     * @throws IllegalArgumentException when the labels do not fit the level (e.g. a word for interval data)
     */
    public static Result compute(ReliabilityData data, MeasurementLevel level, List<String> categoryOrder) {
        CoincidenceMatrix o = CoincidenceMatrix.of(data, level, categoryOrder);
        int n = o.pairableValues();
        if (n == 0) {
            return new Result(null, level, null, null, 0, 0,
                    "no unit was coded by at least two coders, α is undefined");
        }
        double[] marginals = o.marginals();
        double[][] delta = level.differences(o.categories(), marginals);
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < marginals.length; c++) {
            for (int k = 0; k < marginals.length; k++) {
                observed += o.count(c, k) * delta[c][k];
                expected += marginals[c] * marginals[k] * delta[c][k];
            }
        }
        observed /= n;
        expected /= (double) n * (n - 1);
        if (expected == 0) {
            long used = Arrays.stream(marginals).filter(m -> m > 0).count();
            return new Result(null, level, observed, expected, o.pairableUnits(), n, used == 1
                    ? "all values are the same category, α is undefined"
                    : "the values do not differ on this level of measurement, α is undefined");
        }
        return new Result(1 - observed / expected, level, observed, expected, o.pairableUnits(), n, null);
    }
}
