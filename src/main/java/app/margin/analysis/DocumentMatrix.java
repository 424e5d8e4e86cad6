package app.margin.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
        Indexes.of(codeIds, "codes"); // rejects nulls and duplicates
        Indexes.of(documentIds, "documents");
        LongIntMap codeIndex = new LongIntMap(codeIds.size());
        codeIds.forEach(codeIndex::indexOf);
        LongIntMap documentIndex = new LongIntMap(documentIds.size());
        documentIds.forEach(documentIndex::indexOf);
        long[][] counts = new long[codeIds.size()][documentIds.size()];
        for (Segment s : segments) {
            int c = codeIndex.get(s.codeId());
            int d = documentIndex.get(s.documentId());
            if (c != LongIntMap.MISSING && d != LongIntMap.MISSING) {
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
        Indexes.of(codeIds, "codes");
        LongIntMap codeIndex = new LongIntMap(codeIds.size());
        codeIds.forEach(codeIndex::indexOf);
        LongIntMap seen = new LongIntMap(1024);
        long[] documents = new long[16];
        for (Segment s : segments) {
            if (codeIndex.get(s.codeId()) != LongIntMap.MISSING) {
                int known = seen.size();
                if (seen.indexOf(s.documentId()) == known) {
                    if (known == documents.length) {
                        documents = Arrays.copyOf(documents, 2 * known);
                    }
                    documents[known] = s.documentId();
                }
            }
        }
        long[] sorted = Arrays.copyOf(documents, seen.size());
        Arrays.sort(sorted);
        return compute(segments, codeIds, Arrays.stream(sorted).boxed().toList());
    }
}
