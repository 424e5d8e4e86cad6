package app.margin.corpus.importer;

/**
 * A span of a document's text: a speaker turn (with its speaker and, when the source has one, its timestamp) or a
 * paragraph. {@code [start, end)} in UTF-16 code units; for turns it covers what was said, not the speaker label.
 *
 * @param speaker the speaker label as written ("Interviewer", "P07", a VTT voice), or null for paragraphs
 * @param timeMs the time the turn starts in the recording, in milliseconds, or null when the source has none
 */
public record TextUnit(int start, int end, String speaker, Long timeMs) {
}
