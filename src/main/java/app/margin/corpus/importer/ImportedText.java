package app.margin.corpus.importer;

import app.margin.corpus.DocumentKind;
import java.util.List;

/**
 * The outcome of reading one uploaded file: the text exactly as it will be stored, its units, and what the file
 * itself says about its metadata (each field may be null when the file does not say).
 *
 * @param text the document text; offsets of units and codings index it in UTF-16 code units
 * @param kind the kind the importer recognised (the caller may override it)
 * @param units speaker turns for transcripts, paragraphs otherwise; ordered, non-overlapping
 * @param title a title found in the file (DOCX/PDF/HTML title property, first Markdown heading), or null
 * @param language BCP 47 tag guessed from the script of the text ("ko" when most letters are Hangul, else "en")
 */
public record ImportedText(String text, DocumentKind kind, List<TextUnit> units, String title, String language) {
}
