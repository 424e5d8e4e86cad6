package app.margin.agreement;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fleiss' κ = (P̄ − P̄_e) / (1 − P̄_e) for many raters (Fleiss 1971): P̄ is the mean over units of the share of
 * agreeing rater pairs, P̄_e = Σ_j p_j² with p_j the overall proportion of ratings in category j. Raters need not be
 * the same people across units, but every unit must have the same number of ratings; units nobody rated are skipped.
 * When missing data leaves units with unequal numbers of ratings, κ is not computed: use {@link KrippendorffAlpha}.
 */
public final class FleissKappa {
    private FleissKappa() {
    }

    /**
     * @param kappa κ, or null when undefined (see {@code reason})
     * @param meanAgreement P̄, null when κ cannot be set up
     * @param expectedAgreement P̄_e, null when κ cannot be set up
     * @param units the rated units
     * @param ratingsPerUnit n, the number of ratings every unit has
     */
    public record Result(Double kappa, Double meanAgreement, Double expectedAgreement, int units, int ratingsPerUnit,
            String reason) {
    }

    public static Result compute(ReliabilityData data) {
        Map<String, Integer> index = new LinkedHashMap<>();
        data.labels().forEach(label -> index.put(label, index.size()));
        int[][] counts = new int[data.unitCount()][index.size()];
        for (int u = 0; u < data.unitCount(); u++) {
            for (String label : data.valuesOf(u)) {
                counts[u][index.get(label)]++;
            }
        }
        return fromCounts(counts);
    }

    /** @param counts {@code counts[unit][category]}: how many raters put the unit in the category */
    public static Result fromCounts(int[][] counts) {
        int ratings = -1;
        int firstUnit = -1;
        int units = 0;
        for (int u = 0; u < counts.length; u++) {
            if (counts[u].length != counts[0].length) {
                throw new IllegalArgumentException("unit " + (u + 1) + " has counts for " + counts[u].length
                        + " categories but unit 1 for " + counts[0].length);
            }
            int sum = 0;
            for (int count : counts[u]) {
                if (count < 0) {
                    throw new IllegalArgumentException("unit " + (u + 1) + " has a negative count");
                }
                sum += count;
            }
            if (sum == 0) {
                continue;
            }
            if (ratings == -1) {
                ratings = sum;
                firstUnit = u;
            } else if (sum != ratings) {
                return new Result(null, null, null, 0, 0, "unit " + (u + 1) + " has " + sum + " ratings but unit "
                        + (firstUnit + 1) + " has " + ratings + "; Fleiss' κ needs the same number of ratings for "
                        + "every unit (missing values?), use Krippendorff's α");
            }
            units++;
        }
        if (units == 0) {
            return new Result(null, null, null, 0, 0, "no unit was rated, κ is undefined");
        }
        if (ratings < 2) {
            return new Result(null, null, null, units, ratings, "every unit has a single rating, κ is undefined");
        }
        int categories = counts[firstUnit].length;
        double[] perCategory = new double[categories];
        double agreementSum = 0;
        for (int[] row : counts) {
            long squares = 0;
            for (int j = 0; j < categories; j++) {
                squares += (long) row[j] * row[j];
                perCategory[j] += row[j];
            }
            if (squares > 0) {
                agreementSum += (double) (squares - ratings) / ((long) ratings * (ratings - 1));
            }
        }
        double mean = agreementSum / units;
        double expected = 0;
        for (double total : perCategory) {
            double p = total / ((double) units * ratings);
            expected += p * p;
        }
        if (expected >= 1) {
            return new Result(null, mean, expected, units, ratings,
                    "all ratings are the same category, κ is undefined");
        }
        return new Result((mean - expected) / (1 - expected), mean, expected, units, ratings, null);
    }
}
