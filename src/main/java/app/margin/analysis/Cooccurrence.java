package app.margin.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Code × code co-occurrence counts (see {@link CodeMatrix} for what each cell holds).
 *
 * <p>Two segments can co-occur only when they lie in the same document and in the same layer (one coder's codings, or
 * the master layer's): co-occurrence is a relation inside one reading of the text, and one coder's code beside
 * another coder's says how they differ, not how the codes relate. Counting every layer is the sum of the layers'
 * counts. Only segments of two different codes add
 * to a cell: two segments of the same code (overlapping, in one unit or near each other) are never counted off the
 * diagonal, and the diagonal is the plain number of segments of each code whatever they overlap. A pair of segments
 * is counted once however much they share (a segment spanning several units that shares three sentences with another
 * is one pair, not three). Two identical segments of two different codes (the same passage coded twice) are one pair.
 *
 * <p>Algorithm: segments are grouped by document and layer (counting sort, the groups of one document one after
 * another), each group's segments are sorted by the lower
 * end of a closed interval [lo, hi] and swept once with an active list, so the cost is O(n log n + pairs) where pairs
 * is the number of co-occurring segment pairs:
 * <ul>
 *   <li>OVERLAP: [start, end − 1] in characters;</li>
 *   <li>UNIT: [firstUnit, lastUnit];</li>
 *   <li>PROXIMITY: [startWord, endWord + distance] (when b follows a, b.startWord − a.endWord words lie between
 *       them, so b.startWord &lt;= a.endWord + distance is the test).</li>
 * </ul>
 * Two intervals co-occur when {@code a.lo <= b.hi && b.lo <= a.hi}. In UNIT mode, segments of one code with the same
 * unit range are first merged into one item weighing their number (a pair of items adds the product of the weights),
 * which keeps "same document" cheap. Document counts are deduplicated with a stamp per cell (the index of the document
 * that last counted it), so no per-document clearing is needed.
 */
public final class Cooccurrence {
    /** The largest matrix computed (2,000 × 2,000 cells take about 100 MB while counting). */
    public static final int MAX_CODES = 2_000;

    /** Documents with more segments than this are swept segment by segment (the merge sort key has 21 bits). */
    private static final int MERGEABLE = 1 << 21;

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
        Indexes.of(codeIds, "codes"); // rejects nulls and duplicates
        int k = codeIds.size();
        if (k > MAX_CODES) {
            throw new IllegalArgumentException("a co-occurrence matrix can show at most " + MAX_CODES
                    + " codes, not " + k + ": choose fewer codes");
        }
        LongIntMap codeIndex = new LongIntMap(k);
        codeIds.forEach(codeIndex::indexOf);
        Columns columns = Columns.of(segments, codeIndex, mode, distance);
        Items items = items(columns, mode == CooccurrenceMode.UNIT);
        return sweep(items, codeIds);
    }

    /** Two co-occurring segments, as positions in the list given to {@link #pairs}: one of code a, one of code b. */
    public record Pair(int first, int second) {
    }

    /**
     * The pairs one off-diagonal cell counts, in the order of the segments given: every segment of code a with every
     * segment of code b in the same document and layer that co-occurs with it, by the definitions of
     * {@link CooccurrenceMode} (the same as the sweep's, which {@code CooccurrencePropertyTest} checks against them).
     * {@code pairs(...).size()} is {@code compute(...).segments()[i][j]}. Brute force within each document and
     * layer: it is asked for one cell, so its cost is that cell's segments of a times its segments of b.
     *
     * @throws IllegalArgumentException when a and b are the same code (the diagonal counts segments, not pairs) or for
     *                                  a negative proximity distance
     */
    public static List<Pair> pairs(List<Segment> segments, long a, long b, CooccurrenceMode mode, int distance) {
        if (a == b) {
            throw new IllegalArgumentException("a cell of two different codes lists pairs; a code with itself counts its segments");
        }
        if (mode == CooccurrenceMode.PROXIMITY && distance < 0) {
            throw new IllegalArgumentException("the proximity distance must be 0 words or more, not " + distance);
        }
        record Group(long documentId, long layer) {
        }
        java.util.Map<Group, List<Integer>> ofB = new java.util.HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.codeId() == b) {
                ofB.computeIfAbsent(new Group(s.documentId(), s.layer()), g -> new java.util.ArrayList<>()).add(i);
            }
        }
        List<Pair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment first = segments.get(i);
            if (first.codeId() != a) {
                continue;
            }
            for (int j : ofB.getOrDefault(new Group(first.documentId(), first.layer()), List.of())) {
                if (together(first, segments.get(j), mode, distance)) {
                    pairs.add(new Pair(i, j));
                }
            }
        }
        return pairs;
    }

    /** The definitions of {@link CooccurrenceMode}, for two segments of one document and layer. */
    static boolean together(Segment x, Segment y, CooccurrenceMode mode, int distance) {
        return switch (mode) {
            case OVERLAP -> x.start() < y.end() && y.start() < x.end();
            case UNIT -> x.firstUnit() <= y.lastUnit() && y.firstUnit() <= x.lastUnit();
            case PROXIMITY -> Math.max(0, Math.max(y.startWord() - x.endWord(), x.startWord() - y.endWord())) <= distance;
        };
    }

    /** The segments of wanted codes as primitive columns, with a dense index per document. */
    private static final class Columns {
        final int[] code;
        final int[] doc;
        final int[] lo;
        final int[] hi;
        int size;
        /** The number of (document, layer) groups, and the dense document index of each. */
        int groups;
        int[] groupDocument;

        private Columns(int capacity) {
            code = new int[capacity];
            doc = new int[capacity];
            lo = new int[capacity];
            hi = new int[capacity];
        }

        static Columns of(List<Segment> segments, LongIntMap codeIndex, CooccurrenceMode mode, int distance) {
            Columns columns = new Columns(segments.size());
            LongIntMap docIndex = new LongIntMap(1024);
            LongIntMap layerIndex = new LongIntMap(16);
            LongIntMap groupIndex = new LongIntMap(1024);
            int[] groupDocument = new int[16];
            long lastDocId = 0;
            long lastLayer = 0;
            int lastDoc = -1;
            int n = 0;
            for (Segment s : segments) {
                int c = codeIndex.get(s.codeId());
                if (c == LongIntMap.MISSING) {
                    continue;
                }
                if (lastDoc < 0 || s.documentId() != lastDocId || s.layer() != lastLayer) { // a document at a time, usually
                    lastDocId = s.documentId();
                    lastLayer = s.layer();
                    int document = docIndex.indexOf(lastDocId);
                    int groups = groupIndex.size();
                    lastDoc = groupIndex.indexOf(((long) document << 32) | layerIndex.indexOf(lastLayer));
                    if (lastDoc == groups) { // a new group
                        if (groups == groupDocument.length) {
                            groupDocument = Arrays.copyOf(groupDocument, 2 * groups);
                        }
                        groupDocument[groups] = document;
                    }
                }
                columns.code[n] = c;
                columns.doc[n] = lastDoc;
                switch (mode) {
                    case OVERLAP -> {
                        columns.lo[n] = s.start();
                        columns.hi[n] = s.end() - 1;
                    }
                    case UNIT -> {
                        columns.lo[n] = s.firstUnit();
                        columns.hi[n] = s.lastUnit();
                    }
                    case PROXIMITY -> {
                        columns.lo[n] = s.startWord();
                        columns.hi[n] = (int) Math.min(Integer.MAX_VALUE, (long) s.endWord() + distance);
                    }
                }
                n++;
            }
            columns.size = n;
            columns.groups = groupIndex.size();
            columns.groupDocument = groupDocument;
            return columns;
        }
    }

    /**
     * Per document, the items of the sweep sorted by lo. When merging (UNIT mode), segments of one code with the same
     * unit range become one weighted item: with whole documents as units a document's 150 segments become one item
     * per code, so the sweep meets far fewer pairs; the weights multiply, so the counts are the same.
     */
    private static Items items(Columns columns, boolean merge) {
        int n = columns.size;
        int documents = columns.groups; // below, a "document" is one group: one document's segments in one layer
        // Counting sort by group.
        int[] begin = new int[documents + 1];
        for (int s = 0; s < n; s++) {
            begin[columns.doc[s] + 1]++;
        }
        for (int d = 0; d < documents; d++) {
            begin[d + 1] += begin[d];
        }
        int[] fill = Arrays.copyOf(begin, documents);
        int[] grouped = new int[n];
        for (int s = 0; s < n; s++) {
            grouped[fill[columns.doc[s]]++] = s;
        }

        Items items = new Items(n, documents);
        long[] keys = new long[n];
        int[] scratch = merge ? new int[n] : null;
        int[] lo = columns.lo;
        int[] hi = columns.hi;
        int[] code = columns.code;
        int[] order = byDocument(columns.groupDocument, documents);
        for (int g = 0; g < documents; g++) {
            int d = order[g];
            int from = begin[d];
            int to = begin[d + 1];
            items.startDocument(g, columns.groupDocument[d]);
            if (merge && to - from <= MERGEABLE) {
                sortForMerging(grouped, from, to, lo, hi, code, keys, scratch);
                for (int p = from; p < to; p++) {
                    int s = grouped[p];
                    items.addOrMerge(lo[s], hi[s], code[s]);
                }
            } else {
                for (int p = from; p < to; p++) {
                    int s = grouped[p];
                    keys[p] = ((long) lo[s] << 32) | s;
                }
                Arrays.sort(keys, from, to);
                for (int p = from; p < to; p++) {
                    int s = (int) keys[p];
                    items.add(lo[s], hi[s], code[s], 1);
                }
            }
        }
        items.startDocument(documents, -1);
        return items;
    }

    /** The groups in the order of their documents, so that the groups of one document follow one another. */
    private static int[] byDocument(int[] groupDocument, int groups) {
        int documents = 0;
        for (int g = 0; g < groups; g++) {
            documents = Math.max(documents, groupDocument[g] + 1);
        }
        int[] begin = new int[documents + 1];
        for (int g = 0; g < groups; g++) {
            begin[groupDocument[g] + 1]++;
        }
        for (int d = 0; d < documents; d++) {
            begin[d + 1] += begin[d];
        }
        int[] order = new int[groups];
        for (int g = 0; g < groups; g++) {
            order[begin[groupDocument[g]]++] = g;
        }
        return order;
    }

    /** One pass per document over the items sorted by lo, with the list of items that may still meet later ones. */
    private static CodeMatrix sweep(Items items, List<Long> codeIds) {
        int k = codeIds.size();
        int[] sortedCode = items.code;
        int[] sortedLo = items.lo;
        int[] sortedHi = items.hi;
        int[] weight = items.weight;
        long[] pairSegments = new long[k * k];   // upper triangle i < j, flat
        long[] pairDocuments = new long[k * k];
        int[] pairStamp = new int[k * k];        // 1 + the document that last counted the cell
        long[] codeSegments = new long[k];
        long[] codeDocuments = new long[k];
        int[] codeStamp = new int[k];
        int[] active = new int[items.widest()];
        int documents = items.begin.length - 1;
        for (int d = 0; d < documents; d++) {
            int stamp = items.document[d] + 1; // the groups of one document share a stamp: it counts once
            int size = 0;
            for (int p = items.begin[d]; p < items.begin[d + 1]; p++) {
                int cb = sortedCode[p];
                int lb = sortedLo[p];
                int hb = sortedHi[p];
                long wb = weight[p];
                codeSegments[cb] += wb;
                if (codeStamp[cb] != stamp) {
                    codeStamp[cb] = stamp;
                    codeDocuments[cb]++;
                }
                int kept = 0;
                for (int q = 0; q < size; q++) {
                    int a = active[q];
                    if (sortedHi[a] < lb) {
                        continue; // ends before b starts, so before every later item too: drop it
                    }
                    active[kept++] = a;
                    int ca = sortedCode[a];
                    // sortedLo[a] <= lb by the sort; the check matters only when b is empty (hb < lb)
                    if (ca != cb && sortedLo[a] <= hb) {
                        int cell = ca < cb ? ca * k + cb : cb * k + ca;
                        pairSegments[cell] += weight[a] * wb;
                        if (pairStamp[cell] != stamp) {
                            pairStamp[cell] = stamp;
                            pairDocuments[cell]++;
                        }
                    }
                }
                size = kept;
                if (hb >= lb) {
                    active[size++] = p; // an empty interval can meet no later item
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

    /**
     * Sorts grouped[from, to) in place by (lo, hi, code) so that equal items are adjacent. When the unit indexes, codes
     * and positions fit in one long, in a single sort of packed keys; otherwise first by (hi, code, position), then —
     * stably, through the rank in that order — by lo. Needs to − from ≤ 2^21 and codes &lt; 2^11.
     */
    private static void sortForMerging(int[] grouped, int from, int to, int[] lo, int[] hi, int[] code, long[] keys,
            int[] scratch) {
        int maxHi = 0;
        int maxCode = 0;
        for (int p = from; p < to; p++) {
            maxHi = Math.max(maxHi, hi[grouped[p]]);
            maxCode = Math.max(maxCode, code[grouped[p]]);
        }
        int unitBits = bits(maxHi);
        int codeBits = bits(maxCode);
        int positionBits = bits(to - from - 1);
        long positionMask = (1L << positionBits) - 1;
        if (2 * unitBits + codeBits + positionBits <= 63) {
            for (int p = from; p < to; p++) {
                int s = grouped[p];
                keys[p] = ((long) lo[s] << (unitBits + codeBits + positionBits))
                        | ((long) hi[s] << (codeBits + positionBits)) | ((long) code[s] << positionBits) | (p - from);
            }
            Arrays.sort(keys, from, to);
            for (int p = from; p < to; p++) {
                scratch[p] = grouped[from + (int) (keys[p] & positionMask)];
            }
            System.arraycopy(scratch, from, grouped, from, to - from);
            return;
        }
        for (int p = from; p < to; p++) {
            int s = grouped[p];
            keys[p] = ((long) hi[s] << 32) | ((long) code[s] << 21) | (p - from);
        }
        Arrays.sort(keys, from, to);
        for (int p = from; p < to; p++) {
            scratch[p] = grouped[from + (int) (keys[p] & (MERGEABLE - 1))];
        }
        for (int p = from; p < to; p++) {
            keys[p] = ((long) lo[scratch[p]] << 32) | p;
        }
        Arrays.sort(keys, from, to);
        for (int p = from; p < to; p++) {
            grouped[p] = scratch[(int) keys[p]];
        }
    }

    /** How many bits hold a value from 0 to max. */
    private static int bits(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    /** The sweep's items as parallel arrays, documents one after another. */
    private static final class Items {
        final int[] lo;
        final int[] hi;
        final int[] code;
        final int[] weight;
        final int[] begin;
        /** The document of each group. */
        final int[] document;
        int size;
        private int current;

        Items(int capacity, int documents) {
            begin = new int[documents + 1];
            document = new int[documents + 1];
            lo = new int[capacity];
            hi = new int[capacity];
            code = new int[capacity];
            weight = new int[capacity];
        }

        int widest() {
            int widest = 0;
            for (int d = 0; d + 1 < begin.length; d++) {
                widest = Math.max(widest, begin[d + 1] - begin[d]);
            }
            return widest;
        }

        void startDocument(int d, int documentIndex) {
            begin[d] = size;
            document[d] = documentIndex;
            current = size;
        }

        void add(int l, int h, int c, int w) {
            lo[size] = l;
            hi[size] = h;
            code[size] = c;
            weight[size] = w;
            size++;
        }

        /** Adds one segment, or one more weight to the last item of this document when it is the same. */
        void addOrMerge(int l, int h, int c) {
            int last = size - 1;
            if (size > current && lo[last] == l && hi[last] == h && code[last] == c) {
                weight[last]++;
            } else {
                add(l, h, c, 1);
            }
        }
    }
}
