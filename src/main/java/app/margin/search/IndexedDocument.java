package app.margin.search;

import java.util.List;
import java.util.Map;

/** Everything the index holds of one document, read from the database in one transaction. */
record IndexedDocument(long id, String title, String kind, String caseName, String text, List<Unit> units,
        Map<String, String> attributes, List<Segment> segments) {

    /** A speaker turn (transcripts) or paragraph (other documents). */
    record Unit(int start, int end, String speaker) {
    }

    /** One coding: its code, its layer key ("m" or "u" + coder id) and its range. */
    record Segment(long codingId, long codeId, String layerKey, int start, int end) {
    }
}
