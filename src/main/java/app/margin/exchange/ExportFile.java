package app.margin.exchange;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file to download, not yet written: its name, its media type, and how to write it. Exports hand this out instead
 * of a byte array, so the bytes go straight to the response or to a spooled file ({@link ExportSpool}) and never sit
 * whole in the heap (a 35 MB .qdpx was held twice over as arrays, and an hour long in a finished job).
 */
record ExportFile(String fileName, String mediaType, Body body) {
    /** Writes the file's bytes; the stream is closed by the caller. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
