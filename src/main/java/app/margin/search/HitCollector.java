package app.margin.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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

/**
 * Every passage or segment matching a query, in document order, with how many of them carry each code the caller may
 * see (for the per-code counts). Reads only doc values, so counting all hits stays cheap.
 */
final class HitCollector extends SimpleCollector {
    /** One hit: its Lucene id, document and offset. */
    record Found(int luceneId, long documentId, int start) {
    }

    /** All hits in document order, and per code id the number of hits carrying that code in a visible layer. */
    record Hits(List<Found> found, Map<Long, Long> perCode) {
    }

    private final SearchScope scope;
    private final List<Found> found = new ArrayList<>();
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
            return searcher.search(query, new CollectorManager<HitCollector, Hits>() {
                @Override
                public HitCollector newCollector() {
                    return new HitCollector(scope);
                }

                @Override
                public Hits reduce(Collection<HitCollector> collectors) {
                    List<Found> all = new ArrayList<>();
                    Map<Long, Long> perCode = new HashMap<>();
                    for (HitCollector c : collectors) {
                        all.addAll(c.found);
                        c.perCode.forEach((code, hits) -> perCode.merge(code, hits, Long::sum));
                    }
                    all.sort(Comparator.comparingLong(Found::documentId).thenComparingInt(Found::start));
                    return new Hits(all, perCode);
                }
            });
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
        found.add(new Found(docBase + doc, documentId, start));
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
