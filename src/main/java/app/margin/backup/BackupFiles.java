package app.margin.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and permissions of backup files. A backup holds every participant's interview, so files and their folder
 * are readable by Margin's own operating-system user only, and a name is never reused, so nothing is overwritten.
 */
final class BackupFiles {
    /** margin-20261201T101530Z.zip, or margin-20261201T101530Z-2.zip for a second one in the same second. */
    static final Pattern NAME = Pattern.compile("margin-(\\d{8}T\\d{6}Z)(?:-(\\d{1,4}))?\\.zip");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private BackupFiles() {
    }

    static String name(Instant at, int attempt) {
        String stamp = STAMP.format(at.truncatedTo(ChronoUnit.SECONDS));
        return attempt <= 1 ? "margin-" + stamp + ".zip" : "margin-" + stamp + "-" + attempt + ".zip";
    }

    /** When a backup was taken, read from its name; empty for a name that is not a backup's. */
    static Optional<Instant> takenAt(String name) {
        Matcher m = name == null ? null : NAME.matcher(name);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(STAMP.parse(m.group(1), Instant::from));
    }

    /** Newest first: by the time in the name, then by its -2, -3, … */
    static final Comparator<String> NEWEST_FIRST = Comparator.<String, Instant>comparing(n -> takenAt(n).orElseThrow())
            .thenComparingInt(BackupFiles::attempt).reversed();

    private static int attempt(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 1;
    }

    /** Creates the folder owner-only if it does not exist; an existing folder keeps the permissions it has. */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir.toAbsolutePath().getRoot())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            // createDirectories applies the umask too: make sure the last folder is owner-only
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates an empty owner-only file; fails if the name exists, so an earlier file is never overwritten. */
    static void createOwnerOnly(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        } else {
            Files.createFile(file);
        }
    }

    /** Renames without ever replacing an existing file. */
    static void moveNoReplace(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to);
    }

    private static boolean posix(Path anyPath) {
        return anyPath != null && Files.getFileAttributeView(anyPath,
                java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }
}
