package app.margin.corpus;

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
}
