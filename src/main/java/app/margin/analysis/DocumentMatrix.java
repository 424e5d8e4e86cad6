package app.margin.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Code × document matrix: rows are codes, columns documents, both in the given order. {@code segments[i][d]} is the
 * number of segments of code i in document d; {@code rowPercent[i][d]} = 100 · segments[i][d] / Σ_d segments[i][d]
 * (how code i spreads over the documents), {@code columnPercent[i][d]} = 100 · segments[i][d] / Σ_i segments[i][d]
 * (how document d's segments spread over the codes); 0 where the total is 0. The arrays are not copied: treat them as
 * read-only.
 */
public record DocumentMatrix(List<Long> codeIds, List<Long> documentIds, long[][] segments, double[][] rowPercent,
        double[][] columnPercent) {

    public DocumentMatrix {
        codeIds = List.copyOf(codeIds);
        documentIds = List.copyOf(documentIds);
    }

    /**
     * @param documentIds the columns, in this order (no duplicates): segments of other documents are ignored, and a
     *                    listed document without segments gets a column of zeros
     */
    public static DocumentMatrix compute(List<Segment> segments, List<Long> codeIds, List<Long> documentIds) {
        Objects.requireNonNull(segments, "segments");
        Map<Long, Integer> codeIndex = Indexes.of(codeIds, "codes");
        Map<Long, Integer> documentIndex = Indexes.of(documentIds, "documents");
        long[][] counts = new long[codeIds.size()][documentIds.size()];
        for (Segment s : segments) {
            Integer c = codeIndex.get(s.codeId());
            Integer d = documentIndex.get(s.documentId());
            if (c != null && d != null) {
                counts[c][d]++;
            }
        }
        double[][] rowPercent = new double[codeIds.size()][documentIds.size()];
        double[][] columnPercent = new double[codeIds.size()][documentIds.size()];
        Percentages.fill(counts, rowPercent, columnPercent);
        return new DocumentMatrix(codeIds, documentIds, counts, rowPercent, columnPercent);
    }

    /** Columns: every document holding a segment of one of the codes, by ascending id. */
    public static DocumentMatrix compute(List<Segment> segments, List<Long> codeIds) {
        Objects.requireNonNull(segments, "segments");
        Map<Long, Integer> codeIndex = Indexes.of(codeIds, "codes");
        TreeSet<Long> documents = new TreeSet<>();
        for (Segment s : segments) {
            if (codeIndex.containsKey(s.codeId())) {
                documents.add(s.documentId());
            }
        }
        return compute(segments, codeIds, List.copyOf(documents));
    }
}
