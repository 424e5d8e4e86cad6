package app.margin.corpus;

/** Metadata given with a file (a date, say) that Margin cannot use; reported for that file only. */
class InvalidMetadataException extends Exception {
    InvalidMetadataException(String message) {
        super(message);
    }
}
