package app.margin.storage;

import app.margin.config.MarginConfig;
import app.margin.problem.StorageFailure;
import app.margin.problem.StorageFailure.Cause;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.PreventFurtherStepsException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Before the database is opened, checks that Margin can write its data directory; if not, Margin does not start and
 * says in one line which directory and what to do (instead of H2's and Flyway's page of stack traces). It runs as
 * Flyway's configuration hook because migrating is the first thing that opens the database at start, in every
 * profile. A search index directory that cannot be written only warns: Margin works without search, and searches say
 * why they are unavailable.
 */
@Singleton
class DataDirectoryCheck implements FlywayConfigurationCustomizer {
    /** Below this much free space a warning says that changes will soon be refused. */
    static final long LOW_SPACE_BYTES = 64L << 20;
    /** A probe as large as a small write of H2's: an empty file can still be created on a disk with no free blocks. */
    private static final int PROBE_BYTES = 64 << 10;

    private final Path dataDir;

    DataDirectoryCheck(MarginConfig config) {
        this.dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    }

    @Override
    public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        Optional<String> refusal = problem(dataDir);
        if (refusal.isPresent()) {
            Log.error("Margin did not start: it " + refusal.get() + " Then start Margin again; every change it "
                    + "confirmed is kept.");
            throw new PreventFurtherStepsException("Margin did not start: its data directory cannot be used (see the "
                    + "error above).", 1);
        }
        PrivateDataDirectory.restrict(dataDir);
        Path index = dataDir.resolve("index"); // where ProjectIndexes keeps the search indexes
        problem(index).ifPresent(why -> Log.warn("Search will be unavailable: Margin " + why + " Margin runs "
                + "meanwhile; searches answer 503 until the index can be written, then catch up by themselves."));
        warnIfLow(dataDir);
    }

    /** Why Margin cannot use {@code dir} ("cannot write to … because …. What to do."); empty when it can. */
    static Optional<String> problem(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of(sentence(dir, StorageFailure.ofIo(e), "cannot create"));
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("cannot use " + dir + " because it is not a directory. Set MARGIN_DATA_DIR to a "
                    + "directory that the account running Margin (" + account() + ") can write.");
        }
        Path probe = dir.resolve(".margin-write-check");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.allocate(PROBE_BYTES));
            channel.force(false);
        } catch (IOException e) {
            return Optional.of(sentence(dir, StorageFailure.ofIo(e), "cannot write to"));
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // nothing was written, or the directory is read-only: the sentence above says so
            }
        }
        Path database = dir.resolve("margin.mv.db");
        if (Files.exists(database) && !Files.isWritable(database)) {
            return Optional.of(sentence(dir, new StorageFailure(Cause.NOT_WRITABLE, false, false, false,
                    database.toString(), database + " is not writable"), "cannot write to"));
        }
        return Optional.empty();
    }

    private static String sentence(Path dir, StorageFailure why, String verb) {
        String system = why.systemMessage() == null ? "" : " (" + why.systemMessage() + ")";
        String todo = switch (why.cause()) {
            case DISK_FULL -> "Free space on the disk that holds it.";
            case NOT_WRITABLE -> "Make it writable for the account that runs Margin (" + account() + "), or set "
                    + "MARGIN_DATA_DIR to a directory that is.";
            case IO_ERROR -> "Check the disk that holds it, or set MARGIN_DATA_DIR to another directory.";
        };
        return verb + " " + dir + " because " + why.cause().words() + system + ". " + todo;
    }

    private static void warnIfLow(Path dir) {
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < LOW_SPACE_BYTES) {
                Log.warnf("Only %d MiB are free on the disk that holds %s. When it is full, Margin refuses changes "
                        + "(507 Insufficient Storage) until space is freed and Margin restarted; free space now.",
                        free >> 20, dir);
            }
        } catch (IOException | RuntimeException e) {
            Log.debugf(e, "Could not read the free space under %s", dir);
        }
    }

    private static String account() {
        return System.getProperty("user.name", "?");
    }
}
