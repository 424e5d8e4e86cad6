package app.margin.corpus.importer;

import app.margin.corpus.DocumentKind;
import app.margin.problem.TextCharacters;
import app.margin.problem.TextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an uploaded file into text and units. Every format goes the same way: its reader extracts plain text, then
 * one structure step finds speaker turns (transcripts) or paragraphs (everything else).
 */
@ApplicationScoped
public class DocumentReader {
    private static final Map<String, FormatReader> READERS = new LinkedHashMap<>();

    static {
        READERS.put("txt", new PlainTextReader());
        READERS.put("md", new MarkdownReader());
        READERS.put("markdown", new MarkdownReader());
        READERS.put("html", new HtmlReader());
        READERS.put("htm", new HtmlReader());
        READERS.put("docx", new DocxReader());
        READERS.put("pdf", new PdfReader());
        READERS.put("vtt", new WebVttReader());
        READERS.put("srt", new SrtReader());
    }

    /** A transcript is recognised by at least this many turns … */
    private static final int MIN_TURNS = 3;
    /** … by at least this many different speakers. */
    private static final int MIN_SPEAKERS = 2;

    public static Set<String> supportedExtensions() {
        return READERS.keySet();
    }

    /**
     * @param requestedKind the kind the researcher chose, or null to recognise it
     */
    public ImportedText read(String fileName, byte[] content, DocumentKind requestedKind) throws ImportRefusedException {
        int badName = TextCharacters.firstForbidden(fileName);
        if (badName >= 0) {
            throw new ImportRefusedException("The name of a file contains " + TextCharacters.describe(fileName, badName)
                    + ", which Margin does not store. Rename the file and upload it again.");
        }
        String extension = extension(fileName);
        FormatReader reader = READERS.get(extension);
        if (reader == null) {
            throw new ImportRefusedException("Margin cannot import ‘" + fileName + "’: "
                    + (extension.isEmpty() ? "files without an extension" : "." + extension + " files")
                    + " are not supported. Supported: .txt, .md, .html, .docx, .pdf, .vtt, .srt.");
        }
        if (content == null || content.length == 0) {
            throw empty(fileName);
        }
        Extracted extracted = reader.read(fileName, content);
        String text = extracted.text();
        if (text.isBlank()) {
            throw empty(fileName);
        }
        requireStorable(fileName, text);
        DocumentKind kind;
        List<TextUnit> units;
        if (extracted.turns() != null) {
            kind = requestedKind != null ? requestedKind : DocumentKind.TRANSCRIPT;
            units = kind == DocumentKind.TRANSCRIPT ? extracted.turns() : Paragraphs.find(text);
        } else {
            List<TextUnit> turns = requestedKind == null || requestedKind == DocumentKind.TRANSCRIPT
                    ? SpeakerTurns.find(text) : List.of();
            boolean looksLikeTranscript = turns.stream().filter(u -> u.speaker() != null).count() >= MIN_TURNS
                    && turns.stream().map(TextUnit::speaker).filter(s -> s != null).distinct().count() >= MIN_SPEAKERS;
            kind = requestedKind != null ? requestedKind : looksLikeTranscript ? DocumentKind.TRANSCRIPT : DocumentKind.OTHER;
            boolean useTurns = kind == DocumentKind.TRANSCRIPT && turns.stream().anyMatch(u -> u.speaker() != null);
            units = useTurns ? turns : Paragraphs.find(text);
        }
        for (TextUnit unit : units) {
            if (unit.speaker() != null && unit.speaker().length() > TextLimits.SPEAKER) {
                throw new ImportRefusedException("‘" + fileName + "’ names a speaker with " + unit.speaker().length()
                        + " characters; Margin keeps speaker names of at most " + TextLimits.SPEAKER + ". Check the "
                        + "speaker labels (e.g. WebVTT <v …> tags) and upload it again.");
            }
        }
        return new ImportedText(text, kind, units, storableTitle(extracted.title()), Languages.guess(text));
    }

    /**
     * Every format is held to the same characters (TextCharacters): a NUL or another control character in a text is
     * a sign that the file is not what its name says (or was converted badly), and an export would break on it. The
     * file is refused with its name and where the character is, so the researcher can look.
     */
    private static void requireStorable(String fileName, String text) throws ImportRefusedException {
        int at = TextCharacters.firstForbidden(text);
        if (at >= 0) {
            throw new ImportRefusedException("‘" + fileName + "’ contains " + TextCharacters.describe(text, at)
                    + ", which Margin does not store: text files hold letters, punctuation, spaces, tabs and line "
                    + "breaks only. Is it really a text file? Remove the character (or save the file again as plain "
                    + "UTF-8 text) and upload it again.");
        }
    }

    /** A title from the file's metadata (PDF, DOCX, HTML) with such a character is not used: the file name is. */
    private static String storableTitle(String title) {
        return TextCharacters.firstForbidden(title) >= 0 ? null : title;
    }

    private static ImportRefusedException empty(String fileName) {
        return new ImportRefusedException("‘" + fileName + "’ is empty: there is no text to import.");
    }

    private static String extension(String fileName) {
        String name = fileName == null ? "" : fileName;
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot < name.lastIndexOf('/') ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
