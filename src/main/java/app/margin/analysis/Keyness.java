package app.margin.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Words characteristic of a code: log-likelihood keyness of each term in a target corpus (the code's segments)
 * against a reference corpus (the rest), as in Rayson's log-likelihood wizard (UCREL, Lancaster):
 *
 * <pre>
 *   a = target count of the term, b = reference count, c = target size, d = reference size (in tokens)
 *   E1 = c·(a+b)/(c+d),  E2 = d·(a+b)/(c+d)
 *   G² = 2·(a·ln(a/E1) + b·ln(b/E2)),  with 0·ln 0 = 0
 * </pre>
 *
 * This is the two-cell form of Rayson &amp; Garside (2000) (from Read and Cressie), not the four-cell form derived in
 * Dunning (1993); both follow χ² with 1 degree of freedom.
 */
public final class Keyness {
    private Keyness() {
    }

    /**
     * The over-represented terms (a/c &gt; b/d) by descending G², ties by descending target count then term; sizes
     * are the sums of the counts in each map.
     *
     * @param target    term → count in the code's segments
     * @param reference term → count in the rest of the corpus
     * @param limit     the most terms returned (≥ 0)
     */
    public static List<KeyTerm> rank(Map<String, Long> target, Map<String, Long> reference, int limit) {
        return rank(target, total(target), reference, total(reference), limit);
    }

    /**
     * As {@link #rank(Map, Map, int)} with corpus sizes given, for when the maps hold only some of the terms (for
     * instance without stop words) but the sizes count every token.
     */
    public static List<KeyTerm> rank(Map<String, Long> target, long targetSize, Map<String, Long> reference,
            long referenceSize, int limit) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reference, "reference");
        if (limit < 0) {
            throw new IllegalArgumentException("the number of key terms must be 0 or more, not " + limit);
        }
        if (targetSize < total(target) || referenceSize < total(reference)) {
            throw new IllegalArgumentException("a corpus size is smaller than the sum of its term counts");
        }
        List<KeyTerm> terms = new ArrayList<>();
        for (Map.Entry<String, Long> entry : target.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("a term of the target is null");
            }
            long a = count(entry.getValue());
            long b = count(reference.get(entry.getKey()));
            if (a > 0 && overRepresented(a, b, targetSize, referenceSize)) {
                terms.add(new KeyTerm(entry.getKey(), a, b, logLikelihood(a, b, targetSize, referenceSize)));
            }
        }
        terms.sort(Comparator.comparingDouble(KeyTerm::logLikelihood).reversed()
                .thenComparing(Comparator.comparingLong(KeyTerm::targetCount).reversed())
                .thenComparing(KeyTerm::term));
        return List.copyOf(terms.subList(0, Math.min(limit, terms.size())));
    }

    /** G² of one term: a, b its counts in target and reference, c, d the sizes of target and reference. */
    public static double logLikelihood(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || a > c || b > d) {
            throw new IllegalArgumentException("a term count must lie between 0 and its corpus size");
        }
        double n = (double) c + d;
        if (n == 0 || a + b == 0) {
            return 0;
        }
        double e1 = c * (double) (a + b) / n;
        double e2 = d * (double) (a + b) / n;
        double g = 0;
        if (a > 0) {
            g += a * Math.log(a / e1);
        }
        if (b > 0) {
            g += b * Math.log(b / e2);
        }
        return 2 * g;
    }

    /** a/c &gt; b/d, compared as a·d &gt; b·c without rounding. */
    static boolean overRepresented(long a, long b, long c, long d) {
        return Math.multiplyHigh(a, d) != Math.multiplyHigh(b, c)
                ? Math.multiplyHigh(a, d) > Math.multiplyHigh(b, c)
                : Long.compareUnsigned(a * d, b * c) > 0;
    }

    private static long total(Map<String, Long> counts) {
        long total = 0;
        for (Long count : counts.values()) {
            total += count(count);
        }
        return total;
    }

    private static long count(Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw new IllegalArgumentException("a term count cannot be negative: " + value);
        }
        return value;
    }
}
