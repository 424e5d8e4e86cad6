package app.margin.agreement;

import java.util.HashMap;
import java.util.Map;

/**
 * Cohen's κ = (p_o − p_e) / (1 − p_e) for exactly two coders, over the units both of them coded; p_e uses each
 * coder's own category proportions (Cohen 1960). Offered because many readers expect it; with more than two coders
 * or missing values use {@link KrippendorffAlpha} instead.
 */
public final class CohenKappa {
    private CohenKappa() {
    }

    /**
     * @param kappa κ, or null when undefined (see {@code reason})
     * @param observedAgreement p_o, null when no unit was coded by both
     * @param expectedAgreement p_e, null when no unit was coded by both
     * @param units the units both coders coded
     */
    public record Result(Double kappa, Double observedAgreement, Double expectedAgreement, int units, String reason) {
    }

    public static Result compute(ReliabilityData data) {
        if (data.coderCount() != 2) {
            return new Result(null, null, null, 0, "Cohen's κ compares exactly two coders, but there are "
                    + data.coderCount() + "; use Krippendorff's α or Fleiss' κ");
        }
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> second = new HashMap<>();
        int units = 0;
        int agreements = 0;
        for (int u = 0; u < data.unitCount(); u++) {
            String a = data.value(u, 0);
            String b = data.value(u, 1);
            if (a == null || b == null) {
                continue;
            }
            units++;
            agreements += a.equals(b) ? 1 : 0;
            first.merge(a, 1, Integer::sum);
            second.merge(b, 1, Integer::sum);
        }
        if (units == 0) {
            return new Result(null, null, null, 0, "no unit was coded by both coders, κ is undefined");
        }
        double observed = (double) agreements / units;
        double expected = 0;
        for (Map.Entry<String, Integer> entry : first.entrySet()) {
            expected += (double) entry.getValue() / units * second.getOrDefault(entry.getKey(), 0) / units;
        }
        if (expected >= 1) {
            return new Result(null, observed, expected, units,
                    "both coders used one and the same category for every unit, κ is undefined");
        }
        return new Result((observed - expected) / (1 - expected), observed, expected, units, null);
    }
}
