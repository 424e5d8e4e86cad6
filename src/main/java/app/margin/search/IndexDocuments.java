package app.margin.search;

import static app.margin.search.IndexFields.*;

import app.margin.search.TextLayout.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** Turns one {@link IndexedDocument} into its Lucene documents: one per unit and one per coded segment. */
final class IndexDocuments {
    /** Analysed with positions and offsets: phrase and proximity queries, and KWIC offsets from the Matches API. */
    private static final FieldType WORDS = new FieldType();

    static {
        WORDS.setTokenized(true);
        WORDS.setStored(true);
        WORDS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WORDS.freeze();
    }

    /** The unit kinds a segment's first/last positions are recorded for. */
    static final List<String> UNIT_KINDS = List.of("turn", "paragraph", "sentence");

    private IndexDocuments() {
    }

    /**
     * The offsets a document's segments are placed by: its units (or the whole text), paragraphs, sentences, and
     * where words start ({@link TextLayout#wordStarts}).
     */
    record Layout(List<IndexedDocument.Unit> units, List<Span> turns, Map<String, List<Span>> spans, int[] wordStarts) {
        static Layout of(IndexedDocument doc) {
            List<IndexedDocument.Unit> units = unitsOf(doc);
            List<Span> turns = units.stream().map(u -> new Span(u.start(), u.end())).toList();
            return new Layout(units, turns, Map.of("turn", turns, "paragraph", TextLayout.paragraphs(doc.text()),
                    "sentence", TextLayout.sentences(doc.text())), TextLayout.wordStarts(doc.text()));
        }

        /** Roughly what the layout holds in memory, in bytes (for the indexer's cache of layouts). */
        long bytes() {
            long spanCount = turns.size() + spans.values().stream().mapToLong(List::size).sum();
            return 4L * wordStarts.length + 48L * spanCount + 64L * units.size();
        }
    }

    static List<Document> of(IndexedDocument doc) {
        List<Document> out = new ArrayList<>();
        for (IndexedDocument.Unit unit : unitsOf(doc)) {
            out.add(unit(doc, unit));
        }
        if (doc.segments().isEmpty()) {
            return out; // the layouts below serve only segments, and cost a tenth of a fresh import's indexing
        }
        Layout layout = Layout.of(doc);
        for (IndexedDocument.Segment s : doc.segments()) {
            out.add(segment(doc, layout, s));
        }
        return out;
    }

    /** A document's units: its turns or paragraphs, or the whole text as one. */
    static List<IndexedDocument.Unit> unitsOf(IndexedDocument doc) {
        return doc.units().isEmpty() ? List.of(new IndexedDocument.Unit(0, doc.text().length(), null)) : doc.units();
    }

    /** One unit with the codes of every segment of the document that overlaps it. */
    static Document unit(IndexedDocument doc, IndexedDocument.Unit unit) {
        Document d = common(doc, UNIT, unit.start(), unit.end(), unit.speaker());
        d.add(new StringField(UNIT_KEY, unitKey(doc.id(), unit.start()), Field.Store.NO));
        for (IndexedDocument.Segment s : doc.segments()) {
            if (s.start() < unit.end() && s.end() > unit.start()) {
                addCoding(d, s);
            }
        }
        addText(d, doc.text().substring(unit.start(), unit.end()));
        return d;
    }

    /** One coding's segment of the document. */
    static Document segment(IndexedDocument doc, Layout layout, IndexedDocument.Segment s) {
        IndexedDocument.Unit unit = layout.units().get(TextLayout.spanAt(layout.turns(), s.start()));
        Document d = common(doc, SEGMENT, s.start(), s.end(), unit.speaker());
        d.add(new StringField(CODING_KEY, Long.toString(s.codingId()), Field.Store.NO));
        addCoding(d, s);
        d.add(new StoredField(CODING, s.codingId()));
        d.add(new NumericDocValuesField(SEGMENT_CODE, s.codeId()));
        d.add(new StoredField(SEGMENT_CODE, s.codeId()));
        d.add(new StoredField(SEGMENT_LAYER, s.layerKey()));
        d.add(new SortedDocValuesField(SEGMENT_LAYER, new BytesRef(s.layerKey())));
        d.add(new NumericDocValuesField(START_WORD, TextLayout.wordsBefore(layout.wordStarts(), s.start())));
        d.add(new NumericDocValuesField(END_WORD, TextLayout.wordsBefore(layout.wordStarts(), s.end())));
        for (String kind : UNIT_KINDS) {
            List<Span> spans = layout.spans().get(kind);
            d.add(new NumericDocValuesField(FIRST + kind, spans.isEmpty() ? 0 : TextLayout.spanAt(spans, s.start())));
            d.add(new NumericDocValuesField(LAST + kind, spans.isEmpty() ? 0 : TextLayout.spanAt(spans, s.end() - 1)));
        }
        addText(d, doc.text().substring(s.start(), s.end()));
        return d;
    }

    private static Document common(IndexedDocument doc, String type, int start, int end, String speaker) {
        Document d = new Document();
        d.add(new StringField(TYPE, type, Field.Store.NO));
        d.add(new StringField(DOC, Long.toString(doc.id()), Field.Store.NO));
        d.add(new NumericDocValuesField(DOC, doc.id()));
        d.add(new StoredField(DOC, doc.id()));
        d.add(new NumericDocValuesField(START, start));
        d.add(new StoredField(START, start));
        d.add(new StoredField(END, end));
        d.add(new NumericDocValuesField(END, end));
        d.add(new StringField(TITLE, lower(doc.title()), Field.Store.NO));
        d.add(new StringField(KIND, lower(doc.kind()), Field.Store.NO));
        if (doc.caseName() != null) {
            d.add(new StringField(CASE, lower(doc.caseName()), Field.Store.NO));
        }
        if (speaker != null) {
            d.add(new StringField(SPEAKER, lower(speaker), Field.Store.NO));
            d.add(new StoredField(SPEAKER, speaker));
        }
        doc.attributes().forEach((name, value) -> {
            d.add(new StringField(ATTR + name, lower(value), Field.Store.NO));
            Double number = number(value);
            if (number != null) {
                d.add(new DoublePoint(ATTR + name + NUMBER, number));
            }
        });
        return d;
    }

    private static void addCoding(Document d, IndexedDocument.Segment s) {
        d.add(new StringField(CODE, Long.toString(s.codeId()), Field.Store.NO));
        d.add(new StringField(CODE_IN_LAYER, codeInLayer(s.codeId(), s.layerKey()), Field.Store.NO));
        d.add(new SortedSetDocValuesField(CODE_IN_LAYER, new BytesRef(codeInLayer(s.codeId(), s.layerKey()))));
        d.add(new StringField(LAYER, s.layerKey(), Field.Store.NO));
    }

    private static void addText(Document d, String text) {
        d.add(new Field(TEXT, text, WORDS));
    }

    static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    static Double number(String value) {
        try {
            return value == null ? null : Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
