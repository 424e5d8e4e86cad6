package app.margin.config;

import app.margin.problem.StorageFailure;
import app.margin.problem.StorageFailure.Cause;
import io.quarkus.runtime.ExecutionMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The session encryption key in {@code <data-dir>/session.key}: made once from 32 random bytes, readable by its owner
 * only, and read again on every later start, so browser sessions survive a restart. It is read when Quarkus first
 * asks for it at run time; while Margin is being built it answers nothing.
 */
final class SessionKeySource implements ConfigSource {
    static final String FILE_NAME = "session.key";
    /** Below application.properties (250) and every other source: any configured key wins. */
    private static final int ORDINAL = 50;

    private final Path file;
    private volatile String key;

    SessionKeySource(Path file) {
        this.file = file;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SessionKeySourceFactory.KEY);
    }

    @Override
    public String getValue(String propertyName) {
        if (!SessionKeySourceFactory.KEY.equals(propertyName) || ExecutionMode.current() == ExecutionMode.UNSET) {
            return null; // UNSET: Margin is being built, and a value read now would be baked into the build
        }
        if (key == null) {
            synchronized (this) {
                if (key == null) {
                    key = readOrCreate();
                }
            }
        }
        return key;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(); // never list the secret (config dumps and the Dev UI read this)
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "Margin session key file " + file;
    }

    private String readOrCreate() {
        try {
            if (!Files.exists(file)) {
                create();
            }
            String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (stored.length() < 32) {
                throw new IllegalStateException("The session key file " + file + " is damaged (too short). Delete it "
                        + "and start Margin again: a new key is made and everyone signs in again.");
            }
            return stored;
        } catch (IOException e) {
            // the first write to a fresh data directory: say why it failed (full, read-only) as the start check does
            String why = StorageFailure.ofIo(e).cause() == Cause.DISK_FULL
                    ? "the disk that holds it is full. Free space on it, then start Margin again."
                    : "the data directory is not writable. Make it writable by the user running Margin.";
            throw new UncheckedIOException("Margin cannot read or create its session key file " + file + ": " + why,
                    e);
        }
    }

    /** Written to a temporary file first and moved into place, so a crash never leaves half a key. */
    private void create() throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String encoded = Base64.getEncoder().encodeToString(random);
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, encoded + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file);
        }
    }
}
