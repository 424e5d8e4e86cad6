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
    }

    @Override
    public void setScorer(Scorable scorer) {
    }

    @Override
    public void collect(int doc) throws IOException {
        long documentId = documents.advanceExact(doc) ? documents.longValue() : -1;
        int start = starts.advanceExact(doc) ? (int) starts.longValue() : 0;
        long[] codeIds = new long[0];
        if (codes.advanceExact(doc)) {
            List<Long> visible = new ArrayList<>();
            for (int i = 0; i < codes.docValueCount(); i++) {
                String term = codes.lookupOrd(codes.nextOrd()).utf8ToString();
                int colon = term.indexOf(':');
                long codeId = Long.parseLong(term.substring(0, colon));
                if (scope.maySee(term.substring(colon + 1), documentId) && !visible.contains(codeId)) {
                    visible.add(codeId);
                }
            }
            codeIds = visible.stream().mapToLong(Long::longValue).toArray();
        }
        found.add(new Found(docBase + doc, documentId, start, codeIds));
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
