package app.margin.corpus.importer;

/** A .txt file: the text exactly as written (strict UTF-8, line endings normalised). */
final class PlainTextReader implements FormatReader {
    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        return Extracted.text(Utf8Text.decode(fileName, content), null);
    }
}
