package app.margin.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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

/**
 * Every passage or segment matching a query, in document order, with the codes on it that the caller may see
 * (for the per-code counts). Reads only doc values, so counting all hits stays cheap.
 */
final class HitCollector extends SimpleCollector {
    /** One hit: its Lucene id, document, offset, and visible code ids. */
    record Found(int luceneId, long documentId, int start, long[] codeIds) {
    }

    private final SearchScope scope;
    private final List<Found> found = new ArrayList<>();
    private int docBase;
    private NumericDocValues documents;
    private NumericDocValues starts;
    private SortedSetDocValues codes;
    /** Per segment of the index, each codeLayer term's code id and layer key, parsed once rather than per hit. */
    private long[] ordCode;
    private String[] ordLayer;
    private final long[] buffer = new long[256];

    private HitCollector(SearchScope scope) {
        this.scope = scope;
    }

    static List<Found> collect(IndexSearcher searcher, Query query, SearchScope scope) {
        try {
            List<Found> all = searcher.search(query, new CollectorManager<HitCollector, List<Found>>() {
                @Override
                public HitCollector newCollector() {
                    return new HitCollector(scope);
                }

                @Override
                public List<Found> reduce(Collection<HitCollector> collectors) {
                    List<Found> merged = new ArrayList<>();
                    collectors.forEach(c -> merged.addAll(c.found));
                    return merged;
                }
            });
            all.sort(Comparator.comparingLong(Found::documentId).thenComparingInt(Found::start));
            return all;
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
        ordLayer = new String[terms];
    }

    private void parse(int ord) throws IOException {
        String term = codes.lookupOrd(ord).utf8ToString();
        int colon = term.indexOf(':');
        ordCode[ord] = Long.parseLong(term.substring(0, colon));
        ordLayer[ord] = term.substring(colon + 1);
    }

    @Override
    public void setScorer(Scorable scorer) {
    }

    @Override
    public void collect(int doc) throws IOException {
        long documentId = documents.advanceExact(doc) ? documents.longValue() : -1;
        int start = starts.advanceExact(doc) ? (int) starts.longValue() : 0;
        long[] codeIds = NONE;
        if (codes.advanceExact(doc)) {
            int n = 0;
            for (int i = 0; i < codes.docValueCount(); i++) {
                int ord = (int) codes.nextOrd();
                if (ordLayer[ord] == null) {
                    parse(ord);
                }
                long codeId = ordCode[ord];
                if (n < buffer.length && scope.maySee(ordLayer[ord], documentId) && !contains(buffer, n, codeId)) {
                    buffer[n++] = codeId;
                }
            }
            codeIds = n == 0 ? NONE : java.util.Arrays.copyOf(buffer, n);
        }
        found.add(new Found(docBase + doc, documentId, start, codeIds));
    }

    private static final long[] NONE = new long[0];

    private static boolean contains(long[] values, int size, long value) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
