package app.margin.search;

import java.util.List;

/** Request parameters and responses of search. */
public final class SearchDtos {
    private SearchDtos() {
    }

    /** Where hits come from: all passages, only coded segments, or only the segments of one code. */
    public enum Scope { ALL, CODED, CODE }

    /** The stretch of text one hit stands for. A turn is a speaker turn (a paragraph in other documents). */
    public enum HitUnit { TURN, PARAGRAPH, SENTENCE }

    public record Highlight(int start, int end) {
    }

    /**
     * One keyword-in-context line. {@code start}/{@code end} are the hit's extent in the document (UTF-16 offsets);
     * {@code highlights} are offsets into {@code snippet}, {@code matches} the same words (every one in the extent,
     * also those the snippet cuts off) as offsets into the document's text, so the viewer can mark them. A segment
     * hit names its coding, code, coder and {@code layer} (CODER or MASTER; null for a passage).
     */
    public record Hit(long documentId, String documentTitle, int start, int end, String speaker, String snippet,
            List<Highlight> highlights, List<Highlight> matches, Long codingId, Long codeId, String coder,
            String layer) {
    }

    public record DocumentCount(long documentId, String title, long hits) {
    }

    public record CodeCount(long codeId, String name, long hits) {
    }

    /**
     * {@code total} counts matching passages (scope ALL) or segments (CODED, CODE); a page lists the lines of
     * {@code pageSize} of them in document order, one line per hit unit holding a match.
     */
    public record SearchResult(String q, Scope scope, HitUnit unit, long total, int page, int pageSize, int pages,
            List<Hit> hits, List<DocumentCount> documents, List<CodeCount> codes) {
    }

    /**
     * A coded segment as the analysis matrices need it: word positions for proximity, and the first and last unit
     * (turn, paragraph or sentence; 0 for the whole document) it touches for same-unit co-occurrence, and its layer
     * ({@code coderId}: the coder's user id, -1 for the master layer). {@code codingId} and {@code text} (the
     * segment's words, cut to {@link #SEGMENT_TEXT} characters) are read only when asked for, else 0 and null.
     */
    public record CodedSegment(long documentId, long codeId, int start, int end, int startWord, int endWord,
            int firstUnit, int lastUnit, long coderId, long codingId, String text) {
    }

    /** The most characters of a segment's text a list of segments shows. */
    public static final int SEGMENT_TEXT = 240;

    public record RebuildResult(long documents, long appliedSeq) {
    }
}
