package app.margin.agreement;

import app.margin.text.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Presence/absence of one code (or several, pooled) per unit, for m coders who all saw every unit, tallied compactly:
 * {@code weight[p]} is the number of units in which exactly the coders in bit set p applied the code. A document of
 * 50,000 characters coded by 5 coders is thus 32 numbers, not 250,000 values, and every coefficient below is an exact
 * closed form of the corresponding general coefficient ({@link KrippendorffAlpha} nominal, {@link PercentAgreement},
 * {@link CohenKappa}, {@link FleissKappa}) for binary data without missing values; the tests check each against them.
 */
public final class PresenceTable {
    /** More coders would make the 2^m pattern table unwieldy; agreement rounds are far smaller. */
    public static final int MAX_CODERS = 12;

    private final int coders;
    private final long[] weight;

    public PresenceTable(int coders) {
        if (coders < 2 || coders > MAX_CODERS) {
            throw new IllegalArgumentException("presence agreement needs 2 to " + MAX_CODERS + " coders, not " + coders);
        }
        this.coders = coders;
        this.weight = new long[1 << coders];
    }

    public int coders() {
        return coders;
    }

    /** Counts {@code units} units in which exactly the coders in bit set {@code pattern} applied the code. */
    public void add(int pattern, long units) {
        weight[pattern] += units;
    }

    /** Empties the table, so that one instance can tally many (document, code) pairs in turn. */
    public void clear() {
        java.util.Arrays.fill(weight, 0);
    }

    public void addAll(PresenceTable other) {
        if (other.coders != coders) {
            throw new IllegalArgumentException("cannot pool tables of " + coders + " and " + other.coders + " coders");
        }
        for (int p = 0; p < weight.length; p++) {
            weight[p] += other.weight[p];
        }
    }

    public long weight(int pattern) {
        return weight[pattern];
    }

    public long units() {
        long total = 0;
        for (long w : weight) {
            total += w;
        }
        return total;
    }

    /** The same units seen by coders i and j only (coder i becomes bit 0, coder j bit 1). */
    public PresenceTable pair(int i, int j) {
        PresenceTable pair = new PresenceTable(2);
        for (int p = 0; p < weight.length; p++) {
            pair.weight[((p >> i) & 1) | (((p >> j) & 1) << 1)] += weight[p];
        }
        return pair;
    }

    /**
     * Adds every character of a continuum of {@code length} characters as one unit.
     *
     * @param segmentsPerCoder per coder, the segments they applied the code to (may overlap, in any order)
     */
    public void addCharacters(long length, List<List<Segment>> segmentsPerCoder) {
        requireCoders(segmentsPerCoder);
        // each coder's union of segments as toggle events (position, coder): at every boundary the coder's bit flips
        int count = 0;
        for (List<Segment> coder : segmentsPerCoder) {
            count += 2 * coder.size();
        }
        long[] events = new long[count];
        int e = 0;
        for (int c = 0; c < coders; c++) {
            for (Segment s : union(segmentsPerCoder.get(c))) {
                long end = Math.min(s.end(), length);
                if (s.start() < end) {
                    events[e++] = s.start() << 5 | c;
                    events[e++] = end << 5 | c;
                }
            }
        }
        java.util.Arrays.sort(events, 0, e);
        int pattern = 0;
        long at = 0;
        for (int i = 0; i < e; i++) {
            long position = events[i] >>> 5;
            weight[pattern] += position - at;
            at = position;
            pattern ^= 1 << (int) (events[i] & 31);
        }
        weight[pattern] += length - at;
    }

    /**
     * Adds each unit (e.g. a sentence); a coder applied the code to a unit when one of their segments overlaps it.
     *
     * @param units disjoint stretches of the text
     * @param segmentsPerCoder per coder, the segments they applied the code to (may overlap, in any order)
     */
    public void addUnits(List<Segment> units, List<List<Segment>> segmentsPerCoder) {
        addUnits(new Units(units), segmentsPerCoder);
    }

    /** As {@link #addUnits(List, List)}, with the units indexed once per document. */
    public void addUnits(Units units, List<List<Segment>> segmentsPerCoder) {
        requireCoders(segmentsPerCoder);
        // only units some coder touched get a pattern; the rest are units nobody applied the code to
        int[] patterns = units.patterns;
        int[] touched = units.touched;
        int count = 0;
        for (int c = 0; c < coders; c++) {
            int bit = 1 << c;
            for (Segment s : segmentsPerCoder.get(c)) {
                for (int u = units.firstEndingAfter(s.start()); u < units.size() && units.start(u) < s.end(); u++) {
                    if (patterns[u] == 0) {
                        touched[count++] = u;
                    }
                    patterns[u] |= bit;
                }
            }
        }
        weight[0] += units.size() - count;
        for (int i = 0; i < count; i++) {
            weight[patterns[touched[i]]]++;
            patterns[touched[i]] = 0;
        }
    }

    /**
     * Disjoint units of analysis sorted by position, for finding the units a segment overlaps by binary search.
     * Holds scratch space for tallying, so one instance must not be used by two threads at once.
     */
    public static final class Units {
        private final long[] starts;
        private final long[] ends;
        private final int[] patterns;
        private final int[] touched;

        public Units(List<Segment> units) {
            List<Segment> sorted = new ArrayList<>(units);
            sorted.sort(Comparator.comparingLong(Segment::start));
            starts = new long[sorted.size()];
            ends = new long[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                starts[i] = sorted.get(i).start();
                ends[i] = sorted.get(i).end();
            }
            patterns = new int[starts.length];
            touched = new int[starts.length];
        }

        public int size() {
            return starts.length;
        }

        long start(int unit) {
            return starts[unit];
        }

        /** The first unit whose end lies after {@code position}. */
        int firstEndingAfter(long position) {
            int low = 0;
            int high = ends.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (ends[mid] <= position) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    private void requireCoders(List<List<Segment>> segmentsPerCoder) {
        if (segmentsPerCoder.size() != coders) {
            throw new IllegalArgumentException("expected segments of " + coders + " coders, got "
                    + segmentsPerCoder.size());
        }
    }

    /** Sorted, with overlapping and touching segments joined. */
    static List<Segment> union(List<Segment> segments) {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Segment::start));
        List<Segment> union = new ArrayList<>(sorted.size());
        for (Segment s : sorted) {
            Segment last = union.isEmpty() ? null : union.getLast();
            if (last != null && s.start() <= last.end()) {
                if (s.end() > last.end()) {
                    union.set(union.size() - 1, new Segment(last.start(), s.end()));
                }
            } else {
                union.add(s);
            }
        }
        return union;
    }

    /**
     * The coefficients of this table.
     *
     * @param percentAgreement 1 − D_o, the same definition as {@link PercentAgreement}
     * @param kappa Cohen's κ for 2 coders, Fleiss' κ for more (see {@code kappaKind})
     * @param alpha Krippendorff's α, nominal
     * @param notes why a null coefficient is undefined
     */
    public record Figures(long units, int coders, Double percentAgreement, String kappaKind, Double kappa,
            Double alpha, List<String> notes) {
    }

    public Figures figures() {
        long units = units();
        String kind = coders == 2 ? "Cohen" : "Fleiss";
        List<String> notes = new ArrayList<>();
        if (units == 0) {
            notes.add("there are no units, so no coefficient is defined");
            return new Figures(0, coders, null, kind, null, null, notes);
        }
        int m = coders;
        double n = (double) units * m; // values
        double present = 0; // n_1
        double mismatched = 0; // o_01: coincidences of presence with absence
        double agreeingShare = 0; // Σ_u share of agreeing rater pairs (Fleiss' P_u), weighted
        for (int p = 0; p < weight.length; p++) {
            if (weight[p] == 0) {
                continue;
            }
            int k = Integer.bitCount(p);
            present += (double) weight[p] * k;
            mismatched += (double) weight[p] * k * (m - k) / (m - 1);
            agreeingShare += (double) weight[p] * ((double) k * (k - 1) + (double) (m - k) * (m - k - 1)) / (m * (m - 1.0));
        }
        double absent = n - present;
        Double percent = 1 - 2 * mismatched / n;
        boolean oneCategory = present == 0 || absent == 0;
        String sameEverywhere = present == 0 ? "no coder applied the code to any unit"
                : "every coder applied the code to every unit";
        Double alpha = null;
        Double kappa = null;
        if (oneCategory) {
            notes.add(sameEverywhere + ", so α and κ are undefined (there is no variation to agree on)");
        } else {
            alpha = 1 - (n - 1) * mismatched / (absent * present);
            if (m == 2) {
                kappa = cohen(units, notes);
            } else {
                double pPresent = present / n;
                double expected = pPresent * pPresent + (1 - pPresent) * (1 - pPresent);
                kappa = (agreeingShare / units - expected) / (1 - expected);
            }
        }
        return new Figures(units, m, percent, kind, kappa, alpha, notes);
    }

    private Double cohen(long units, List<String> notes) {
        long both = weight[3];
        long firstOnly = weight[1];
        long secondOnly = weight[2];
        long first = both + firstOnly;
        long second = both + secondOnly;
        if ((first == units && second == units) || (first == 0 && second == 0)) {
            notes.add("both coders gave every unit the same value, so Cohen's κ is undefined");
            return null;
        }
        double observed = (double) (units - firstOnly - secondOnly) / units;
        double pFirst = (double) first / units;
        double pSecond = (double) second / units;
        double expected = pFirst * pSecond + (1 - pFirst) * (1 - pSecond);
        return (observed - expected) / (1 - expected);
    }
}
