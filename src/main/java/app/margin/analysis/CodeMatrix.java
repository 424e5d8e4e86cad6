package app.margin.analysis;

import java.util.List;

/**
 * Square, symmetric code × code co-occurrence matrix over {@code codeIds} (rows and columns in that order).
 *
 * <p>Off the diagonal ({@code i != j}): {@code segments[i][j]} is the number of unordered pairs {a, b} of distinct
 * segments, a of code i and b of code j, that co-occur; {@code documents[i][j]} is the number of documents holding at
 * least one such pair. On the diagonal: {@code segments[i][i]} is the number of segments of code i (a plain count;
 * pairs of two segments of the same code are never counted anywhere) and {@code documents[i][i]} is the number of
 * documents with at least one segment of code i.
 *
 * <p>The arrays are handed over as computed, not copied: treat them as read-only.
 */
public record CodeMatrix(List<Long> codeIds, long[][] segments, long[][] documents) {

    public CodeMatrix {
        codeIds = List.copyOf(codeIds);
    }
}
