package app.margin.corpus;

import app.margin.corpus.ImportDtos.ImportDefaults;
import app.margin.corpus.ImportDtos.ManifestEntry;
import app.margin.problem.TextCharacters;
import app.margin.problem.TextLimits;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parsing of the metadata researchers type in by hand. */
final class DocumentMetadata {
    private DocumentMetadata() {
    }

    /** An ISO date (2014-03-09), or null when none is given. */
    static LocalDate parseDate(String value, String fileName) throws InvalidMetadataException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidMetadataException("The date ‘" + value + "’ given for ‘" + fileName
                    + "’ is not a date Margin understands; write it as YYYY-MM-DD, e.g. 2014-03-09.");
        }
    }

    /**
     * Refuses (400, the whole request) form fields that do not fit their columns or hold characters Margin does not
     * store. The form is not JSON, so this is where its text is checked.
     */
    static void requireStorable(ImportDefaults form) {
        require("title", form.title(), TextLimits.DOCUMENT_TITLE);
        require("language", form.language(), TextLimits.LANGUAGE);
        require("case", form.caseName(), TextLimits.CASE_NAME);
        require("place", form.place(), TextLimits.PLACE);
        require("author", form.author(), TextLimits.AUTHOR);
        TextCharacters.require("date", form.date());
    }

    private static void require(String field, String value, int max) {
        TextLimits.require(field, value, max);
        TextCharacters.require(field, value);
    }

    /** Refuses one file whose manifest entry does not fit (characters were checked when the manifest was read). */
    static void requireFits(ManifestEntry entry, String fileName) throws InvalidMetadataException {
        if (entry == null) {
            return;
        }
        fits("title", entry.title(), TextLimits.DOCUMENT_TITLE, fileName);
        fits("language", entry.language(), TextLimits.LANGUAGE, fileName);
        fits("case", entry.caseName(), TextLimits.CASE_NAME, fileName);
        fits("place", entry.place(), TextLimits.PLACE, fileName);
        fits("author", entry.author(), TextLimits.AUTHOR, fileName);
        if (entry.attributes() != null) {
            for (var attribute : entry.attributes().entrySet()) {
                fits(attribute.getKey(), attribute.getValue(), TextLimits.ATTRIBUTE_VALUE, fileName);
            }
        }
    }

    private static void fits(String field, String value, int max, String fileName) throws InvalidMetadataException {
        if (value != null && value.length() > max) {
            throw new InvalidMetadataException("In the manifest entry for ‘" + fileName + "’, "
                    + TextLimits.tooLongWords(field, value.length(), max));
        }
    }
}
