package app.margin.search;

/**
 * Field names of a project index. Each Lucene document is either a UNIT (a speaker turn or paragraph of a document)
 * or a SEGMENT (one coding's text); both carry their document's filter fields, so one query serves both scopes.
 */
final class IndexFields {
    private IndexFields() {
    }

    /** "unit" or "segment". */
    static final String TYPE = "type";
    static final String UNIT = "unit";
    static final String SEGMENT = "segment";

    /** The document id as a term: deletes and {@code doc:} filters; also a numeric doc value for sorting. */
    static final String DOC = "doc";
    static final String TITLE = "title";
    static final String KIND = "kind";
    static final String SPEAKER = "speaker";
    static final String CASE = "case";
    /** Prefix of case and document attributes; numbers are also indexed as points under name + {@link #NUMBER}. */
    static final String ATTR = "attr.";
    static final String NUMBER = "#n";

    /** Code ids present (any layer); a term per code. */
    static final String CODE = "code";
    /** codeId:layerKey terms, so a code filter can be limited to the layers a caller may see. */
    static final String CODE_IN_LAYER = "codeLayer";
    /** Layer keys present: "m" for master, "u" + user id for a coder's layer. */
    static final String LAYER = "layer";

    /** A segment's own code id and layer key as doc values (Lucene wants one schema per field name, hence apart). */
    static final String SEGMENT_CODE = "segmentCode";
    static final String SEGMENT_LAYER = "segmentLayer";

    /** A unit's key (document id and start offset) and a segment's key (coding id): a single change replaces only
     *  the Lucene documents it touches. */
    static final String UNIT_KEY = "unitKey";
    static final String CODING_KEY = "codingKey";

    static final String START = "start";
    static final String END = "end";
    static final String CODING = "coding";
    /** Word index of a segment's first word and one past its last word, for proximity co-occurrence. */
    static final String START_WORD = "startWord";
    static final String END_WORD = "endWord";
    /** First and last turn / paragraph / sentence a segment touches, for same-unit co-occurrence. */
    static final String FIRST = "first.";
    static final String LAST = "last.";

    /** The words: English by stem, Hangul by syllables and syllable pairs (see {@link TextAnalyzers}). Stored: KWIC
     *  lines are cut from it. */
    static final String TEXT = "text";

    static final String MASTER_LAYER = "m";

    static String coderLayer(long userId) {
        return "u" + userId;
    }

    /** The coder id of a layer key ("u" + id), or -1 for the master layer ("m"). */
    static long coderOf(String layerKey) {
        return layerKey.equals(MASTER_LAYER) ? -1 : Long.parseLong(layerKey.substring(1));
    }

    static String unitKey(long documentId, int start) {
        return documentId + ":" + start;
    }

    static String codeInLayer(long codeId, String layerKey) {
        return codeId + ":" + layerKey;
    }
}
