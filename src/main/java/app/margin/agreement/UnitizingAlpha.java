package app.margin.agreement;

import app.margin.text.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Krippendorff's unitizing α for one code over a continuum (e.g. the characters of a document): how reliably coders
 * tell the stretches the code applies to (units) from the rest (gaps). This is the binary coefficient |uα of
 * Krippendorff, Mathet, Bouvry &amp; Widlöcher (2016), "On the reliability of unitizing textual continua: Further
 * developments" (Quality &amp; Quantity 50:2347–2364), which replaced the 1995/2004 definition (squared boundary
 * distances) because that one misbehaved with more than two coders. With one code, |uα and the paper's uα coincide;
 * ATLAS.ti reports this per code as "α-binary". Its cuα/Cu-α (agreement on which code, among several, a
 * jointly identified stretch gets) is not implemented here.
 *
 * <p>Every coder is taken to have read the whole continuum, so each partitions it into units and gaps.
 * Observed coincidences are lengths of intersections: l_ck = Σ_i Σ_{j≠i} Σ_g Σ_h |s_ig ∩ s_jh| / (m − 1) for a
 * segment s_ig of coder i with value c and s_jh of coder j with value k (c, k ∈ {gap, unit}), so l_·· = mL. Expected
 * coincidences treat a unit as indivisible but a gap as made of single characters:
 * e_ck = l_·· (l_c· l_·k − [c = k] S_c) / (l_··² − S), with S_unit = Σ |unit|², S_gap = Σ |gap| and S their sum.
 * Then |uα = 1 − l_{gap,unit} / e_{gap,unit}. When every unit is one character long this is exactly nominal α over
 * characters.
 *
 * <p>Overlapping segments of one coder are merged into their union (a coder cannot apply the same code twice to the
 * same character); touching but not overlapping segments stay separate units. To pool several documents, lay them
 * end to end: offset each document's segments by the total length of the documents before it.
 */
public final class UnitizingAlpha {
    private UnitizingAlpha() {
    }

    /**
     * @param alpha |uα, or null when undefined (see {@code reason})
     * @param observedDisagreement D_o = 2 l_{gap,unit} / l_··, the share of mismatched coincidences
     * @param expectedDisagreement D_e = 2 e_{gap,unit} / l_··
     * @param continuumLength L
     * @param coders m
     * @param reason why α is undefined, or null when it is defined
     */
    public record Result(Double alpha, double observedDisagreement, double expectedDisagreement,
            long continuumLength, int coders, String reason) {
    }

    /**
     * @param continuumLength L, the length of the continuum (e.g. characters in the document)
     * @param segmentsPerCoder one list per coder of the segments that coder applied the code to; an empty list for
     *     a coder who applied it nowhere
     */
    public static Result compute(long continuumLength, List<List<Segment>> segmentsPerCoder) {
        if (continuumLength <= 0) {
            throw new IllegalArgumentException("the continuum must have a positive length, not " + continuumLength);
        }
        int m = segmentsPerCoder.size();
        if (m < 2) {
            throw new IllegalArgumentException("unitizing agreement needs at least 2 coders, not " + m);
        }
        List<List<Segment>> units = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            units.add(merged(segmentsPerCoder.get(i), continuumLength, i));
        }
        double total = (double) m * continuumLength; // l_··
        double unitLength = 0; // l_unit·, all coders' units together
        double unitSquares = 0; // S_unit
        for (List<Segment> coder : units) {
            for (Segment unit : coder) {
                unitLength += unit.length();
                unitSquares += (double) unit.length() * unit.length();
            }
        }
        double gapLength = total - unitLength; // l_gap· = S_gap
        if (unitLength == 0) {
            return new Result(null, 0, 0, continuumLength, m, "no coder applied the code, α is undefined");
        }
        if (gapLength == 0) {
            return new Result(null, 0, 0, continuumLength, m,
                    "every coder applied the code to the whole continuum, α is undefined");
        }
        double shared = 0; // Σ_{i<j} |units_i ∩ units_j|
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                shared += intersection(units.get(i), units.get(j));
            }
        }
        // l_gap,unit = Σ_{i≠j} (|units_j| − |units_i ∩ units_j|) / (m − 1)
        double observedMismatch = unitLength - 2 * shared / (m - 1);
        double expectedMismatch = total * gapLength * unitLength / (total * total - gapLength - unitSquares);
        return new Result(1 - observedMismatch / expectedMismatch, 2 * observedMismatch / total,
                2 * expectedMismatch / total, continuumLength, m, null);
    }

    /** The coder's segments sorted, checked against the continuum, overlapping ones merged. */
    private static List<Segment> merged(List<Segment> segments, long continuumLength, int coder) {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Segment::start).thenComparingLong(Segment::end));
        List<Segment> merged = new ArrayList<>();
        for (Segment segment : sorted) {
            if (segment.end() > continuumLength) {
                throw new IllegalArgumentException("coder " + (coder + 1) + "'s segment [" + segment.start() + ", "
                        + segment.end() + ") ends after the continuum (length " + continuumLength + ")");
            }
            Segment last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && segment.start() < last.end()) {
                merged.set(merged.size() - 1, new Segment(last.start(), Math.max(last.end(), segment.end())));
            } else {
                merged.add(segment);
            }
        }
        return merged;
    }

    /** Total length both coders' (sorted, disjoint) units cover. */
    private static double intersection(List<Segment> a, List<Segment> b) {
        double shared = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Segment x = a.get(i);
            Segment y = b.get(j);
            shared += Math.max(0, Math.min(x.end(), y.end()) - Math.max(x.start(), y.start()));
            if (x.end() < y.end()) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }
}
