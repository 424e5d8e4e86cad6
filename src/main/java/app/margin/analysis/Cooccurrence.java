package app.margin.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Code × code co-occurrence counts (see {@link CodeMatrix} for what each cell holds).
 *
 * <p>Two segments can co-occur only when they lie in the same document, and only segments of two different codes add
 * to a cell: two segments of the same code (overlapping, in one unit or near each other) are never counted off the
 * diagonal, and the diagonal is the plain number of segments of each code whatever they overlap. A pair of segments
 * is counted once however much they share (a segment spanning several units that shares three sentences with another
 * is one pair, not three). Two identical segments of two different codes (the same passage coded twice) are one pair.
 *
 * <p>Algorithm: segments are grouped by document (counting sort), each document's segments are sorted by the lower
 * end of a closed interval [lo, hi] and swept once with an active list, so the cost is O(n log n + pairs) where pairs
 * is the number of co-occurring segment pairs:
 * <ul>
 *   <li>OVERLAP: [start, end − 1] in characters;</li>
 *   <li>UNIT: [firstUnit, lastUnit];</li>
 *   <li>PROXIMITY: [startWord, endWord + distance], compared with [startWord, …]: b.startWord − a.endWord is the
 *       number of words between a and b when b follows a.</li>
 * </ul>
 * Two intervals co-occur when {@code a.lo <= b.hi && b.lo <= a.hi}. Document counts are deduplicated with a stamp per
 * cell (the index of the document that last counted it), so no per-document clearing is needed.
 */
public final class Cooccurrence {
    /** The largest matrix computed (2,000 × 2,000 cells take about 100 MB while counting). */
    public static final int MAX_CODES = 2_000;

    private Cooccurrence() {
    }

    /**
     * @param segments the coded segments, in any order; those of codes not in {@code codeIds} are ignored
     * @param codeIds  the rows and columns, in this order (no duplicates)
     * @param mode     which segments co-occur
     * @param distance PROXIMITY only: the largest number of words between two segments that still co-occur (≥ 0);
     *                 ignored by the other modes
     * @throws IllegalArgumentException for a negative proximity distance, a code listed twice or more than
     *                                  {@link #MAX_CODES} codes
     */
    public static CodeMatrix compute(List<Segment> segments, List<Long> codeIds, CooccurrenceMode mode, int distance) {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(mode, "mode");
        if (mode == CooccurrenceMode.PROXIMITY && distance < 0) {
            throw new IllegalArgumentException("the proximity distance must be 0 words or more, not " + distance);
        }
        Map<Long, Integer> codeIndex = Indexes.of(codeIds, "codes");
        int k = codeIds.size();
        if (k > MAX_CODES) {
            throw new IllegalArgumentException("a co-occurrence matrix can show at most " + MAX_CODES
                    + " codes, not " + k + ": choose fewer codes");
        }
        int total = segments.size();

        // Keep the segments of wanted codes as primitive columns, with a dense index per document.
        int[] code = new int[total];
        int[] doc = new int[total];
        int[] lo = new int[total];
        int[] hi = new int[total];
        Map<Long, Integer> docIndex = new HashMap<>();
        long lastDocId = 0;
        int lastDoc = -1;
        int n = 0;
        for (Segment s : segments) {
            Integer c = codeIndex.get(s.codeId());
            if (c == null) {
                continue;
            }
            if (lastDoc < 0 || s.documentId() != lastDocId) {
                lastDocId = s.documentId();
                lastDoc = docIndex.computeIfAbsent(lastDocId, id -> docIndex.size());
            }
            code[n] = c;
            doc[n] = lastDoc;
            switch (mode) {
                case OVERLAP -> {
                    lo[n] = s.start();
                    hi[n] = s.end() - 1;
                }
                case UNIT -> {
                    lo[n] = s.firstUnit();
                    hi[n] = s.lastUnit();
                }
                case PROXIMITY -> {
                    lo[n] = s.startWord();
                    hi[n] = (int) Math.min(Integer.MAX_VALUE, (long) s.endWord() + distance);
                }
            }
            n++;
        }
        int documentCount = docIndex.size();

        // Counting sort by document, then sort each document's slice by lo (the segment index rides in the low bits).
        int[] begin = new int[documentCount + 1];
        for (int s = 0; s < n; s++) {
            begin[doc[s] + 1]++;
        }
        for (int d = 0; d < documentCount; d++) {
            begin[d + 1] += begin[d];
        }
        int[] fill = Arrays.copyOf(begin, documentCount);
        long[] keys = new long[n];
        for (int s = 0; s < n; s++) {
            keys[fill[doc[s]]++] = ((long) lo[s] << 32) | s;
        }
        int widest = 0;
        for (int d = 0; d < documentCount; d++) {
            Arrays.sort(keys, begin[d], begin[d + 1]);
            widest = Math.max(widest, begin[d + 1] - begin[d]);
        }
        int[] sortedCode = new int[n];
        int[] sortedLo = new int[n];
        int[] sortedHi = new int[n];
        for (int p = 0; p < n; p++) {
            int s = (int) keys[p];
            sortedCode[p] = code[s];
            sortedLo[p] = lo[s];
            sortedHi[p] = hi[s];
        }

        long[] pairSegments = new long[k * k];   // upper triangle i < j, flat
        long[] pairDocuments = new long[k * k];
        int[] pairStamp = new int[k * k];        // 1 + the document that last counted the cell
        long[] codeSegments = new long[k];
        long[] codeDocuments = new long[k];
        int[] codeStamp = new int[k];
        int[] active = new int[widest];
        for (int d = 0; d < documentCount; d++) {
            int stamp = d + 1;
            int size = 0;
            for (int p = begin[d]; p < begin[d + 1]; p++) {
                int cb = sortedCode[p];
                int lb = sortedLo[p];
                int hb = sortedHi[p];
                codeSegments[cb]++;
                if (codeStamp[cb] != stamp) {
                    codeStamp[cb] = stamp;
                    codeDocuments[cb]++;
                }
                int kept = 0;
                for (int q = 0; q < size; q++) {
                    int a = active[q];
                    if (sortedHi[a] < lb) {
                        continue; // ends before b starts, so before every later segment too: drop it
                    }
                    active[kept++] = a;
                    int ca = sortedCode[a];
                    // sortedLo[a] <= lb by the sort; the check matters only when b is empty (hb < lb)
                    if (ca != cb && sortedLo[a] <= hb) {
                        int cell = ca < cb ? ca * k + cb : cb * k + ca;
                        pairSegments[cell]++;
                        if (pairStamp[cell] != stamp) {
                            pairStamp[cell] = stamp;
                            pairDocuments[cell]++;
                        }
                    }
                }
                size = kept;
                if (hb >= lb) {
                    active[size++] = p; // an empty interval can meet no later segment
                }
            }
        }

        long[][] segmentMatrix = new long[k][k];
        long[][] documentMatrix = new long[k][k];
        for (int i = 0; i < k; i++) {
            segmentMatrix[i][i] = codeSegments[i];
            documentMatrix[i][i] = codeDocuments[i];
            for (int j = i + 1; j < k; j++) {
                segmentMatrix[i][j] = segmentMatrix[j][i] = pairSegments[i * k + j];
                documentMatrix[i][j] = documentMatrix[j][i] = pairDocuments[i * k + j];
            }
        }
        return new CodeMatrix(codeIds, segmentMatrix, documentMatrix);
    }
}
