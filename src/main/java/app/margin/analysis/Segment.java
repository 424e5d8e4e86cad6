package app.margin.analysis;

/**
 * One coded segment as the matrices see it.
 *
 * @param documentId the document the segment lies in
 * @param codeId     the code attached to it
 * @param start      first UTF-16 offset in the document (inclusive)
 * @param end        UTF-16 offset one past the last character (exclusive), {@code end >= start}
 * @param startWord  index of its first word in the document's word sequence
 * @param endWord    index one past its last word, {@code endWord >= startWord} (equal when it covers no word)
 * @param firstUnit  index of the first unit it touches (sentence, speaker turn, paragraph, or 0 for the whole
 *                   document: the caller chooses the kind of unit)
 * @param lastUnit   index of the last unit it touches, {@code lastUnit >= firstUnit}
 * @param layer      whose codings it belongs to (a coder's user id, -1 for the master layer): code × code pairs
 *                   are counted only inside one layer
 */
public record Segment(long documentId, long codeId, int start, int end, int startWord, int endWord, int firstUnit,
        int lastUnit, long layer) {

    /** A segment of the one layer (when only one is counted, or in tests of one reading). */
    public Segment(long documentId, long codeId, int start, int end, int startWord, int endWord, int firstUnit,
            int lastUnit) {
        this(documentId, codeId, start, end, startWord, endWord, firstUnit, lastUnit, 0);
    }

    public Segment {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + ") of document " + documentId
                    + " has offsets out of order or below 0");
        }
        if (startWord < 0 || endWord < startWord) {
            throw new IllegalArgumentException("segment words [" + startWord + ", " + endWord + ") of document "
                    + documentId + " are out of order or below 0");
        }
        if (firstUnit < 0 || lastUnit < firstUnit) {
            throw new IllegalArgumentException("segment units [" + firstUnit + ", " + lastUnit + "] of document "
                    + documentId + " are out of order or below 0");
        }
    }
}
