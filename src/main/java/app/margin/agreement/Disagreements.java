package app.margin.agreement;

import app.margin.text.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where coders differ on one code in one text. The stretches any coder applied the code to are joined into regions
 * (overlapping or touching segments of any coders form one region); a region is a disagreement unless every coder
 * covered exactly the whole region. Its difference is the share of its characters not covered by every coder: 1 when
 * only some coders applied the code and nobody shares a character, near 0 when the coders merely moved a boundary by
 * a character or two.
 */
public final class Disagreements {
    private Disagreements() {
    }

    /**
     * @param start first character of the region
     * @param end end of the region (exclusive)
     * @param difference share of the region's characters that not every coder covered
     * @param applied per coder, whether they applied the code anywhere in the region
     */
    public record Region(long start, long end, double difference, boolean[] applied) {
    }

    /** @param segmentsPerCoder per coder, their segments with this code (any order, may overlap) */
    public static List<Region> find(List<List<Segment>> segmentsPerCoder) {
        int m = segmentsPerCoder.size();
        List<List<Segment>> unions = new ArrayList<>(m);
        List<Segment> all = new ArrayList<>();
        for (List<Segment> coder : segmentsPerCoder) {
            List<Segment> union = PresenceTable.union(coder);
            unions.add(union);
            all.addAll(union);
        }
        List<Region> regions = new ArrayList<>();
        for (Segment region : PresenceTable.union(all)) {
            boolean[] applied = new boolean[m];
            boolean everyoneEverywhere = true;
            for (int c = 0; c < m; c++) {
                long covered = 0;
                for (Segment s : unions.get(c)) {
                    covered += Math.max(0, Math.min(s.end(), region.end()) - Math.max(s.start(), region.start()));
                }
                applied[c] = covered > 0;
                everyoneEverywhere &= covered == region.length();
            }
            if (everyoneEverywhere) {
                continue;
            }
            regions.add(new Region(region.start(), region.end(),
                    1 - (double) coveredByAll(unions, region) / region.length(), applied));
        }
        return regions;
    }

    /** Orders regions from the most to the least different, longer ones first on a tie. */
    public static final Comparator<Region> MOST_DIFFERENT_FIRST = Comparator.comparingDouble(Region::difference)
            .reversed().thenComparing(Comparator.comparingLong((Region r) -> r.end() - r.start()).reversed());

    private static long coveredByAll(List<List<Segment>> unions, Segment region) {
        List<Segment> common = List.of(region);
        for (List<Segment> coder : unions) {
            List<Segment> next = new ArrayList<>();
            for (Segment a : common) {
                for (Segment b : coder) {
                    long s = Math.max(a.start(), b.start());
                    long e = Math.min(a.end(), b.end());
                    if (s < e) {
                        next.add(new Segment(s, e));
                    }
                }
            }
            common = next;
        }
        return common.stream().mapToLong(Segment::length).sum();
    }
}
