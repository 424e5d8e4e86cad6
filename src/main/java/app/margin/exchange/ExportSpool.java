package app.margin.exchange;

import app.margin.config.MarginConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Export files written to disk under {@code <data-dir>/exports/} rather than held in the heap: finished export jobs
 * keep their file here until they are forgotten, and exports that may still be refused while being written (XML that
 * cannot carry a character) are written here first, so a refusal is a problem answer and not a cut-off download.
 * The files hold participants' words: each is deleted when its job is forgotten or its download is sent, and
 * whatever is left (a crash, a restart) is deleted at start.
 */
@ApplicationScoped
public class ExportSpool {
    private final Path dir;

    @Inject
    ExportSpool(MarginConfig config) {
        this(Path.of(config.dataDir()).resolve("exports"));
    }

    ExportSpool(Path dir) {
        this.dir = dir;
    }

    void onStart(@Observes StartupEvent start) {
        try (Stream<Path> left = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            left.forEach(ExportSpool::delete);
        } catch (IOException e) {
            Log.warnf("Could not clear the export spool %s: %s", dir, e.getMessage());
        }
    }

    /** A new empty file here, readable by Margin's account only; the caller deletes it. */
    Path create() {
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "export-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code body} to a new file here; nothing is left behind when writing fails. */
    Path write(ExportFile.Body body) {
        Path file = create();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            body.writeTo(out);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            delete(file);
            throw e;
        }
        return file;
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("Could not delete the export file %s: %s", file, e.getMessage());
        }
    }
}
