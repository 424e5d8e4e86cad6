package app.margin.agreement;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Krippendorff's coincidence matrix: o_ck = Σ_u (number of ordered pairs of values (c, k) from different coders in
 * unit u) / (m_u − 1), over the units u with m_u ≥ 2 values. Units with fewer values cannot be paired and are left
 * out (Krippendorff 2011, section C). Every pairable value contributes exactly 1 to the matrix total n.
 */
final class CoincidenceMatrix {
    private final List<String> categories;
    private final double[][] counts;
    private final int pairableUnits;
    private final int pairableValues;

    private CoincidenceMatrix(List<String> categories, double[][] counts, int pairableUnits, int pairableValues) {
        this.categories = categories;
        this.counts = counts;
        this.pairableUnits = pairableUnits;
        this.pairableValues = pairableValues;
    }

    /** Tabulates the data with its categories in {@code level}'s order (explicit {@code order} may be null). */
    static CoincidenceMatrix of(ReliabilityData data, MeasurementLevel level, List<String> order) {
        List<String> categories = level.order(data.labels(), order);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < categories.size(); c++) {
            index.put(categories.get(c), c);
        }
        double[][] counts = new double[categories.size()][categories.size()];
        int units = 0;
        int values = 0;
        for (int u = 0; u < data.unitCount(); u++) {
            List<String> labels = data.valuesOf(u);
            int m = labels.size();
            if (m < 2) {
                continue;
            }
            units++;
            values += m;
            Map<Integer, Integer> perCategory = new LinkedHashMap<>();
            labels.forEach(label -> perCategory.merge(index.get(label), 1, Integer::sum));
            for (Map.Entry<Integer, Integer> c : perCategory.entrySet()) {
                for (Map.Entry<Integer, Integer> k : perCategory.entrySet()) {
                    int pairs = c.getKey().equals(k.getKey()) ? c.getValue() * (c.getValue() - 1)
                            : c.getValue() * k.getValue();
                    counts[c.getKey()][k.getKey()] += (double) pairs / (m - 1);
                }
            }
        }
        return new CoincidenceMatrix(categories, counts, units, values);
    }

    List<String> categories() {
        return categories;
    }

    double count(int c, int k) {
        return counts[c][k];
    }

    /** n_c: the pairable values of each category (row sums). */
    double[] marginals() {
        double[] marginals = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts.length; k++) {
                marginals[c] += counts[c][k];
            }
        }
        return marginals;
    }

    int pairableUnits() {
        return pairableUnits;
    }

    /** n: the number of values in pairable units, which is also the matrix total. */
    int pairableValues() {
        return pairableValues;
    }
}
