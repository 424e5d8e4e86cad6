package app.margin.search;

import app.margin.search.SearchDtos.CodedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
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

/**
 * Reads the coded segments matching a query straight from doc values: the input of the co-occurrence matrices. With
 * {@code details} it also reads each segment's coding id and text from the stored fields (slower: for a few codes).
 */
final class SegmentReader extends SimpleCollector {
    private final String unitKind;
    private final boolean details;
    private StoredFields stored;
    private SortedDocValues layers;
    /** The coder id of each layer ordinal of the current index segment (-2: not looked up yet). */
    private long[] coderOfOrd;
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
    private SegmentReader(String unitKind, boolean details) {
        this.unitKind = unitKind;
        this.details = details;
    }

    static List<CodedSegment> read(IndexSearcher searcher, Query segmentQuery, String unitKind) {
        return read(searcher, segmentQuery, unitKind, false);
    }

    static List<CodedSegment> read(IndexSearcher searcher, Query segmentQuery, String unitKind, boolean details) {
        try {
            return searcher.search(segmentQuery, new CollectorManager<SegmentReader, List<CodedSegment>>() {
                @Override
                public SegmentReader newCollector() {
                    return new SegmentReader(unitKind, details);
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
        layers = DocValues.getSorted(reader, IndexFields.SEGMENT_LAYER);
        coderOfOrd = new long[Math.max(0, layers.getValueCount())];
        Arrays.fill(coderOfOrd, -2);
        stored = details ? reader.storedFields() : null;
    }

    @Override
    public void setScorer(Scorable scorer) {
    }

    @Override
    public void collect(int doc) throws IOException {
        if (!codes.advanceExact(doc)) {
            return;
        }
        long codingId = 0;
        String text = null;
        if (details) {
            var fields = stored.document(doc, Set.of(IndexFields.CODING, IndexFields.TEXT));
            codingId = fields.getField(IndexFields.CODING).numericValue().longValue();
            text = fields.get(IndexFields.TEXT);
            if (text != null && text.length() > SearchDtos.SEGMENT_TEXT) {
                int cut = SearchDtos.SEGMENT_TEXT - 1;
                text = text.substring(0, Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut) + "…";
            }
        }
        segments.add(new CodedSegment(value(documents, doc), codes.longValue(), (int) value(starts, doc),
                (int) value(ends, doc), (int) value(startWords, doc), (int) value(endWords, doc),
                firstUnits == null ? 0 : (int) value(firstUnits, doc), lastUnits == null ? 0 : (int) value(lastUnits, doc),
                coder(doc), codingId, text));
    }

    private long coder(int doc) throws IOException {
        if (!layers.advanceExact(doc)) {
            return -1;
        }
        int ord = layers.ordValue();
        if (coderOfOrd[ord] == -2) {
            coderOfOrd[ord] = IndexFields.coderOf(layers.lookupOrd(ord).utf8ToString());
        }
        return coderOfOrd[ord];
    }

    private static long value(NumericDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? values.longValue() : 0;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
