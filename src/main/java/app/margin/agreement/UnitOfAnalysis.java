package app.margin.agreement;

import app.margin.text.TextUnits;
/**
 * What counts as one unit when agreement on a code is computed as presence/absence per unit. A coder "applies" a
 * code to a unit when one of their segments with that code covers at least one character of it.
 */
public enum UnitOfAnalysis {
    /** Every character of the document is a unit, coded or not coded by each coder (as NVivo computes κ). */
    CHARACTER,
    /** Sentences found by {@link TextUnits#sentences(String)} (ends at . ? ! … and their CJK forms, or a line break). */
    SENTENCE,
    /** The document's stored units: speaker turns of transcripts, paragraphs of other documents. */
    TURN,
    /** Stretches of text between line breaks ({@link TextUnits#paragraphs(String)}). */
    PARAGRAPH,
    /** The whole document is one unit. */
    DOCUMENT
}
