package app.margin.corpus.importer;

/** A file Margin cannot import; the message is shown to the researcher as is, so it names the problem plainly. */
public class ImportRefusedException extends Exception {
    public ImportRefusedException(String message) {
        super(message);
    }

    public ImportRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
