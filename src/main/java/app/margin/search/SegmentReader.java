package app.margin.search;

import app.margin.search.SearchDtos.CodedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Reads the coded segments matching a query straight from doc values: the input of the co-occurrence matrices. */
final class SegmentReader extends SimpleCollector {
    private final String unitKind;
    private final List<CodedSegment> segments = new ArrayList<>();
    private NumericDocValues documents;
    private NumericDocValues codes;
    private NumericDocValues starts;
    private NumericDocValues ends;
    private NumericDocValues startWords;
    private NumericDocValues endWords;
    private NumericDocValues firstUnits;
    private NumericDocValues lastUnits;

    /** @param unitKind turn, paragraph or sentence; null for the whole document (every segment in unit 0) */
    private SegmentReader(String unitKind) {
        this.unitKind = unitKind;
    }

    static List<CodedSegment> read(IndexSearcher searcher, Query segmentQuery, String unitKind) {
        try {
            return searcher.search(segmentQuery, new CollectorManager<SegmentReader, List<CodedSegment>>() {
                @Override
                public SegmentReader newCollector() {
                    return new SegmentReader(unitKind);
                }

                @Override
                public List<CodedSegment> reduce(Collection<SegmentReader> readers) {
                    List<CodedSegment> all = new ArrayList<>();
                    readers.forEach(r -> all.addAll(r.segments));
                    return all;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        var reader = context.reader();
        documents = DocValues.getNumeric(reader, IndexFields.DOC);
        codes = DocValues.getNumeric(reader, IndexFields.SEGMENT_CODE);
        starts = DocValues.getNumeric(reader, IndexFields.START);
        ends = DocValues.getNumeric(reader, IndexFields.END);
        startWords = DocValues.getNumeric(reader, IndexFields.START_WORD);
        endWords = DocValues.getNumeric(reader, IndexFields.END_WORD);
        firstUnits = unitKind == null ? null : DocValues.getNumeric(reader, IndexFields.FIRST + unitKind);
        lastUnits = unitKind == null ? null : DocValues.getNumeric(reader, IndexFields.LAST + unitKind);
    }

    @Override
    public void setScorer(Scorable scorer) {
    }

    @Override
    public void collect(int doc) throws IOException {
        if (!codes.advanceExact(doc)) {
            return;
        }
        segments.add(new CodedSegment(value(documents, doc), codes.longValue(), (int) value(starts, doc),
                (int) value(ends, doc), (int) value(startWords, doc), (int) value(endWords, doc),
                firstUnits == null ? 0 : (int) value(firstUnits, doc), lastUnits == null ? 0 : (int) value(lastUnits, doc)));
    }

    private static long value(NumericDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? values.longValue() : 0;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
