package app.margin.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the category labels relate to one another, which decides how much two different labels disagree. Each level
 * supplies Krippendorff's squared difference function δ²(c, k) (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section E).
 */
public enum MeasurementLevel {
    /** Labels are mere names: δ² = 0 for the same label, 1 otherwise. */
    NOMINAL,
    /**
     * Labels are ranks: δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with n_g the number of pairable values of
     * category g. The distance between two ranks grows with how many values lie between them, not with their numbers.
     * Needs numeric labels or an explicit category order.
     */
    ORDINAL,
    /** Labels are numbers on an interval scale: δ² = (c − k)². */
    INTERVAL,
    /** Labels are non-negative numbers with a true zero: δ² = ((c − k) / (c + k))². */
    RATIO;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Puts the labels in this level's order. An explicit order (may be null) wins and must contain every label;
     * otherwise numbers sort numerically, and ordinal, interval and ratio data must consist of numbers.
     */
    List<String> order(Collection<String> labels, List<String> explicitOrder) {
        if (explicitOrder != null) {
            Set<String> known = new HashSet<>(explicitOrder);
            if (known.size() != explicitOrder.size()) {
                throw new IllegalArgumentException("the category order names a category twice: " + explicitOrder);
            }
            for (String label : labels) {
                if (!known.contains(label)) {
                    throw new IllegalArgumentException("category '" + label + "' is not in the given order "
                            + explicitOrder);
                }
            }
            if (this == INTERVAL || this == RATIO) {
                labels.forEach(this::number);
            }
            return explicitOrder.stream().filter(labels::contains).toList();
        }
        List<String> ordered = new ArrayList<>(labels);
        boolean numeric = labels.stream().allMatch(label -> NUMBER.matcher(label.strip()).matches());
        if (numeric) {
            labels.forEach(this::number);
            ordered.sort(Comparator.comparingDouble((String label) -> Double.parseDouble(label.strip()))
                    .thenComparing(Comparator.naturalOrder()));
        } else if (this == NOMINAL) {
            ordered.sort(Comparator.naturalOrder());
        } else {
            String offending = labels.stream().filter(label -> !NUMBER.matcher(label.strip()).matches())
                    .findFirst().orElseThrow();
            throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " α needs numeric labels"
                    + (this == ORDINAL ? " or an explicit category order" : "") + "; '" + offending
                    + "' is not a number");
        }
        return ordered;
    }

    /**
     * δ²(c, k) for categories in {@link #order} order; {@code marginals[g]} is n_g, the pairable values of category
     * g (only the ordinal metric uses them).
     */
    double[][] differences(List<String> categories, double[] marginals) {
        int size = categories.size();
        double[][] delta = new double[size][size];
        double[] numbers = this == INTERVAL || this == RATIO
                ? categories.stream().mapToDouble(this::number).toArray() : null;
        for (int c = 0; c < size; c++) {
            for (int k = 0; k < size; k++) {
                delta[c][k] = switch (this) {
                    case NOMINAL -> c == k ? 0 : 1;
                    case ORDINAL -> ordinal(c, k, marginals);
                    case INTERVAL -> square(numbers[c] - numbers[k]);
                    case RATIO -> numbers[c] + numbers[k] == 0 ? 0 : square((numbers[c] - numbers[k])
                            / (numbers[c] + numbers[k]));
                };
            }
        }
        return delta;
    }

    private static double ordinal(int c, int k, double[] marginals) {
        if (c == k) {
            return 0;
        }
        double between = 0;
        for (int g = Math.min(c, k); g <= Math.max(c, k); g++) {
            between += marginals[g];
        }
        return square(between - (marginals[c] + marginals[k]) / 2);
    }

    private double number(String label) {
        if (!NUMBER.matcher(label.strip()).matches()) {
            throw new IllegalArgumentException(name().toLowerCase(Locale.ROOT) + " α needs numeric labels; '" + label
                    + "' is not a number");
        }
        double value = Double.parseDouble(label.strip());
        if (this == RATIO && value < 0) {
            throw new IllegalArgumentException("ratio α needs non-negative numbers; '" + label + "' is negative");
        }
        return value;
    }

    private static double square(double x) {
        return x * x;
    }
}
