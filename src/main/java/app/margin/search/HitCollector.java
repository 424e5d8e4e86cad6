package app.margin.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.IntroSorter;

/**
 * Every passage or segment matching a query, in document order, with how many of them carry each code the caller may
 * see (for the per-code counts). Reads only doc values, so counting all hits stays cheap; hits are kept in primitive
 * arrays because a broad query finds 100,000 of them, and an object per hit made the garbage collector pause searches.
 */
final class HitCollector extends SimpleCollector {
    /** One hit: its Lucene id, document and offset. */
    record Found(int luceneId, long documentId, int start) {
    }

    /** All hits in document order, and per code id the number of hits carrying that code in a visible layer. */
    static final class Hits {
        private final HitArrays hits;
        private final Map<Long, Long> perCode;

        private Hits(HitArrays hits, Map<Long, Long> perCode) {
            this.hits = hits;
            this.perCode = perCode;
        }

        int size() {
            return hits.size;
        }

        long documentId(int i) {
            return hits.documents[i];
        }

        /** Hits from (inclusive) to (exclusive), as objects: for a page, or for callers that read every hit anyway. */
        List<Found> range(int from, int to) {
            List<Found> range = new ArrayList<>(Math.max(0, to - from));
            for (int i = from; i < to; i++) {
                range.add(new Found(hits.luceneIds[i], hits.documents[i], hits.starts[i]));
            }
            return range;
        }

        List<Found> all() {
            return range(0, size());
        }

        Map<Long, Long> perCode() {
            return perCode;
        }
    }

    /** Growable parallel arrays of hits, sortable by document and offset. */
    private static final class HitArrays {
        int size;
        int[] luceneIds;
        long[] documents;
        int[] starts;

        HitArrays(int capacity) {
            luceneIds = new int[capacity];
            documents = new long[capacity];
            starts = new int[capacity];
        }

        void add(int luceneId, long documentId, int start) {
            if (size == luceneIds.length) {
                // Doubling: a broad query finds 100,000 hits, and small growth steps re-copied them many times.
                int capacity = Math.max(64, size * 2);
                luceneIds = ArrayUtil.growExact(luceneIds, capacity);
                documents = ArrayUtil.growExact(documents, capacity);
                starts = ArrayUtil.growExact(starts, capacity);
            }
            luceneIds[size] = luceneId;
            documents[size] = documentId;
            starts[size] = start;
            size++;
        }

        static HitArrays concat(Collection<HitCollector> collectors) {
            HitArrays all = new HitArrays(collectors.stream().mapToInt(c -> c.found.size).sum());
            for (HitCollector c : collectors) {
                System.arraycopy(c.found.luceneIds, 0, all.luceneIds, all.size, c.found.size);
                System.arraycopy(c.found.documents, 0, all.documents, all.size, c.found.size);
                System.arraycopy(c.found.starts, 0, all.starts, all.size, c.found.size);
                all.size += c.found.size;
            }
            return all;
        }

        /** Document order; usually already so (a document's units are indexed together), then it costs one pass. */
        void sort() {
            if (sorted()) {
                return;
            }
            new IntroSorter() {
                private long pivotDocument;
                private int pivotStart;

                @Override
                protected int compare(int i, int j) {
                    int byDocument = Long.compare(documents[i], documents[j]);
                    return byDocument != 0 ? byDocument : Integer.compare(starts[i], starts[j]);
                }

                @Override
                protected void swap(int i, int j) {
                    int id = luceneIds[i];
                    luceneIds[i] = luceneIds[j];
                    luceneIds[j] = id;
                    long document = documents[i];
                    documents[i] = documents[j];
                    documents[j] = document;
                    int start = starts[i];
                    starts[i] = starts[j];
                    starts[j] = start;
                }

                @Override
                protected void setPivot(int i) {
                    pivotDocument = documents[i];
                    pivotStart = starts[i];
                }

                @Override
                protected int comparePivot(int j) {
                    int byDocument = Long.compare(pivotDocument, documents[j]);
                    return byDocument != 0 ? byDocument : Integer.compare(pivotStart, starts[j]);
                }
            }.sort(0, size);
        }

        private boolean sorted() {
            for (int i = 1; i < size; i++) {
                if (documents[i - 1] > documents[i] || documents[i - 1] == documents[i] && starts[i - 1] > starts[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final SearchScope scope;
    private final HitArrays found = new HitArrays(0);
    private final Map<Long, Long> perCode = new HashMap<>();
    private NumericDocValues documents;
    private NumericDocValues starts;
    private SortedSetDocValues codes;
    private int docBase;
    /**
     * Per index segment and per codeLayer term ("code:layer"), its code id and coder id (-1 for the master layer),
     * parsed once rather than per hit, and the number of hits it was counted for.
     */
    private long[] ordCode;
    private long[] ordCoder;
    private boolean[] parsed;
    private int[] ordHits;

    private HitCollector(SearchScope scope) {
        this.scope = scope;
    }

    static Hits collect(IndexSearcher searcher, Query query, SearchScope scope) {
        try {
            Hits hits = searcher.search(query, new CollectorManager<HitCollector, Hits>() {
                @Override
                public HitCollector newCollector() {
                    return new HitCollector(scope);
                }

                @Override
                public Hits reduce(Collection<HitCollector> collectors) {
                    HitArrays all = HitArrays.concat(collectors);
                    Map<Long, Long> perCode = new HashMap<>();
                    for (HitCollector c : collectors) {
                        c.perCode.forEach((code, hits) -> perCode.merge(code, hits, Long::sum));
                    }
                    all.sort();
                    return new Hits(all, perCode);
                }
            });
            SearchBudget.check(searcher); // Lucene's timeout leaves hits out: never go on with part of them
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        docBase = context.docBase;
        documents = DocValues.getNumeric(context.reader(), IndexFields.DOC);
        starts = DocValues.getNumeric(context.reader(), IndexFields.START);
        codes = DocValues.getSortedSet(context.reader(), IndexFields.CODE_IN_LAYER);
        int terms = (int) Math.min(Integer.MAX_VALUE, codes.getValueCount());
        ordCode = new long[terms];
        ordCoder = new long[terms];
        parsed = new boolean[terms];
        ordHits = new int[terms];
    }

    private void parse(int ord) throws IOException {
        String term = codes.lookupOrd(ord).utf8ToString();
        int colon = term.indexOf(':');
        ordCode[ord] = Long.parseLong(term.substring(0, colon));
        ordCoder[ord] = IndexFields.coderOf(term.substring(colon + 1));
        parsed[ord] = true;
    }

    @Override
    public void setScorer(Scorable scorer) {
    }

    @Override
    public void collect(int doc) throws IOException {
        long documentId = documents.advanceExact(doc) ? documents.longValue() : -1;
        int start = starts.advanceExact(doc) ? (int) starts.longValue() : 0;
        if (codes.advanceExact(doc)) {
            // A code's terms ("12:m", "12:u3") sort next to each other, so a code in two layers counts once per hit.
            long counted = -1;
            for (int i = 0; i < codes.docValueCount(); i++) {
                int ord = (int) codes.nextOrd();
                if (!parsed[ord]) {
                    parse(ord);
                }
                if (ordCode[ord] != counted && scope.maySee(ordCoder[ord], documentId)) {
                    ordHits[ord]++;
                    counted = ordCode[ord];
                }
            }
        }
        found.add(docBase + doc, documentId, start);
    }

    /** At the end of each index segment, adds its per-term counts to the per-code counts. */
    @Override
    public void finish() {
        for (int ord = 0; ord < ordHits.length; ord++) {
            if (ordHits[ord] > 0) {
                perCode.merge(ordCode[ord], (long) ordHits[ord], Long::sum);
            }
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
