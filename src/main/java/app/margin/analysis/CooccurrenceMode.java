package app.margin.analysis;

/** When two coded segments of the same document count as occurring together. */
public enum CooccurrenceMode {
    /** Their character ranges share at least one character: {@code a.start < b.end && b.start < a.end}. */
    OVERLAP,
    /** They touch a common unit (sentence, turn, paragraph or document): their closed unit ranges intersect. */
    UNIT,
    /** At most N words lie between them (overlapping and touching segments are 0 words apart). */
    PROXIMITY
}
