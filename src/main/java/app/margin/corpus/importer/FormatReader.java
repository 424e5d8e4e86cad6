package app.margin.corpus.importer;

/** Turns the bytes of one file format into plain text. */
interface FormatReader {
    Extracted read(String fileName, byte[] content) throws ImportRefusedException;
}
