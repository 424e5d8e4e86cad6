package app.margin.corpus;

import app.margin.problem.TextLimits;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Response and request records of documents. */
public final class DocumentDtos {
    private DocumentDtos() {
    }

    /** A document in a list, without its text. */
    public record DocumentSummary(long id, String title, DocumentKind kind, String language, int length,
            String caseName, LocalDate date, String place, String author, Instant importedAt,
            Map<String, String> attributes) {
    }

    /** One document with its text and units; {@code attributes} holds its case's attributes and its own. */
    public record DocumentView(long id, String title, DocumentKind kind, String language, int length,
            String caseName, LocalDate date, String place, String author, String sourceFileName,
            String sourceFormat, String sourceSha256, Instant importedAt, String importedBy, long version,
            Map<String, String> attributes, String text, List<UnitView> units) {
    }

    /** A speaker turn or paragraph; {@code timestamp} is "hh:mm:ss" when the source gave a time. */
    public record UnitView(int start, int end, String speaker, String timestamp, Long timeMs) {
    }

    /** Metadata changes; a null field stays as it is, an empty string clears it. The text cannot change. */
    public record UpdateDocumentRequest(@Size(max = TextLimits.DOCUMENT_TITLE) String title,
            @Size(max = TextLimits.CASE_NAME) String caseName, String date, @Size(max = TextLimits.PLACE) String place,
            @Size(max = TextLimits.AUTHOR) String author, @Size(max = TextLimits.LANGUAGE) String language, Long version) {
    }
}
