package app.margin.corpus;

/** What kind of source a document is; decides how its text is split into units. */
public enum DocumentKind {
    /** An interview or focus group: units are speaker turns. */
    TRANSCRIPT,
    /** Participant-observation notes with a date, place and author: units are paragraphs. */
    FIELD_NOTE,
    /** Anything else (a policy paper, a letter): units are paragraphs. */
    OTHER
}
