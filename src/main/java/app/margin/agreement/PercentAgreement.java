package app.margin.agreement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent agreement, defined pairwise so that it stays meaningful with more than two coders and missing values:
 * within each unit with m_u ≥ 2 values, the share of ordered pairs of values (from different coders) that carry the
 * same label; the units' shares are then averaged with weight m_u, the number of values in the unit. Weighting by
 * values rather than by pairs makes it exactly 1 − D_o of nominal {@link KrippendorffAlpha}, so the two figures
 * always tell the same story. With two coders and no missing values it is simply the share of units on which they
 * agree. It ignores chance agreement, which is why α, not this, should be reported.
 */
public final class PercentAgreement {
    private PercentAgreement() {
    }

    /**
     * @param agreement between 0 and 1, or null when undefined (see {@code reason})
     * @param pairableUnits units with values from at least two coders
     * @param pairableValues the values in those units
     */
    public record Result(Double agreement, int pairableUnits, int pairableValues, String reason) {
    }

    public static Result compute(ReliabilityData data) {
        double weightedShares = 0;
        int units = 0;
        int values = 0;
        for (int u = 0; u < data.unitCount(); u++) {
            List<String> labels = data.valuesOf(u);
            int m = labels.size();
            if (m < 2) {
                continue;
            }
            Map<String, Integer> perLabel = new HashMap<>();
            labels.forEach(label -> perLabel.merge(label, 1, Integer::sum));
            long agreeingPairs = perLabel.values().stream().mapToLong(count -> (long) count * (count - 1)).sum();
            weightedShares += m * (double) agreeingPairs / ((long) m * (m - 1));
            units++;
            values += m;
        }
        if (units == 0) {
            return new Result(null, 0, 0, "no unit was coded by at least two coders, agreement is undefined");
        }
        return new Result(weightedShares / values, units, values, null);
    }
}
