package app.margin.corpus.importer;

import java.util.List;

/**
 * What a format reader produced: the plain text, a title if the file has one, and, for subtitle formats whose cues
 * already are the speaker turns, those turns (null: find the structure in the text).
 */
record Extracted(String text, String title, List<TextUnit> turns) {
    static Extracted text(String text, String title) {
        return new Extracted(text, title, null);
    }
}
