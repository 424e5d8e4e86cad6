package app.margin.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * {@code java -jar quarkus-run.jar restore <backup.zip> <new-data-dir>}: unpacks a backup into a new data directory
 * and opens it once to prove it is a readable Margin database, without starting Margin. It refuses a folder that
 * holds anything, so a restore can never overwrite a running installation or an earlier restore. Runs before
 * Quarkus starts, so it prints to the console rather than the log.
 */
public final class RestoreCommand {
    static final String DATABASE_FILE = "margin.mv.db";
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 64;

    private final PrintStream out;
    private final PrintStream err;

    RestoreCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the process exit code: 0 restored, 1 refused (the reason printed), 64 wrong arguments */
    int run(String... args) {
        if (args.length != 2) {
            err.println("Usage: java -jar quarkus-run.jar restore <backup.zip> <new-data-dir>");
            err.println("Unpacks a Margin backup into a new, empty data directory; then start Margin with "
                    + "MARGIN_DATA_DIR=<new-data-dir>.");
            return USAGE;
        }
        Path backup = Path.of(args[0]).toAbsolutePath().normalize();
        Path target = Path.of(args[1]).toAbsolutePath().normalize();
        try {
            return restore(backup, target);
        } catch (Refusal r) {
            err.println("Not restored: " + r.getMessage());
            return REFUSED;
        }
    }

    private int restore(Path backup, Path target) {
        if (!Files.isRegularFile(backup)) {
            throw new Refusal(backup + " is not a file. Name a backup made by Margin (margin-….zip).");
        }
        checkChecksum(backup);
        boolean created = !Files.exists(target);
        if (!created) {
            requireEmptyDirectory(target);
        }
        Path database = target.resolve(DATABASE_FILE);
        try {
            BackupFiles.createDirectory(target);
            unpack(backup, database);
            String summary = open(target);
            out.println("Restored " + backup.getFileName() + " into " + target + ": " + summary + ".");
            out.println("Start Margin on it (search indexes are rebuilt on start):");
            out.println("  MARGIN_DATA_DIR=" + target + " java -jar target/quarkus-app/quarkus-run.jar");
            return OK;
        } catch (IOException | RuntimeException e) {
            undo(target, created);
            if (e instanceof Refusal r) {
                throw r;
            }
            throw new Refusal("could not write " + database + ": " + e.getMessage());
        }
    }

    /** A backup copied off the machine may be damaged: check it against the SHA-256 written beside it, if there. */
    private void checkChecksum(Path backup) {
        Path sum = backup.resolveSibling(backup.getFileName() + BackupService.CHECKSUM_SUFFIX);
        String expected;
        try {
            expected = Files.readString(sum, StandardCharsets.UTF_8).strip().split("\\s+")[0];
        } catch (NoSuchFileException e) {
            out.println("No " + sum.getFileName() + " beside the backup; its checksum is not checked.");
            return;
        } catch (IOException e) {
            throw new Refusal("could not read " + sum + ": " + e.getMessage());
        }
        try {
            String actual = BackupService.sha256(backup);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new Refusal(backup.getFileName() + " does not match its checksum in " + sum.getFileName()
                        + ": the file is damaged or incomplete. Copy it again.");
            }
        } catch (IOException e) {
            throw new Refusal("could not read " + backup + ": " + e.getMessage());
        }
    }

    private static void requireEmptyDirectory(Path target) {
        if (!Files.isDirectory(target)) {
            throw new Refusal(target + " exists and is not a folder. Restore into a new folder.");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new Refusal(target + " is not empty. Restore only into a new or empty folder, so that "
                        + "nothing in it (perhaps a running Margin's data) is overwritten.");
            }
        } catch (IOException e) {
            throw new Refusal("could not read " + target + ": " + e.getMessage());
        }
    }

    /** The backup must hold exactly the database file; ZipInputStream checks each entry's CRC as it reads. */
    private static void unpack(Path backup, Path database) throws IOException {
        boolean found = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (found || entry.isDirectory() || !DATABASE_FILE.equals(entry.getName())) {
                    throw new Refusal(backup.getFileName() + " is not a Margin backup: it should hold only "
                            + DATABASE_FILE + ", but holds '" + entry.getName() + "'.");
                }
                BackupFiles.createOwnerOnly(database);
                try (OutputStream file = Files.newOutputStream(database)) {
                    zip.transferTo(file);
                }
                found = true;
            }
        } catch (ZipException e) {
            throw new Refusal(backup.getFileName() + " is damaged (" + e.getMessage() + "). Copy it again.");
        }
        if (!found) {
            throw new Refusal(backup.getFileName() + " is not a Margin backup: it holds no " + DATABASE_FILE + ".");
        }
    }

    /** Opens the restored database as Margin will, and says what is in it. */
    private static String open(Path target) {
        Properties login = new Properties();
        login.setProperty("user", env("QUARKUS_DATASOURCE_USERNAME", "margin"));
        login.setProperty("password", env("QUARKUS_DATASOURCE_PASSWORD", "margin"));
        String url = "jdbc:h2:file:" + target.resolve("margin") + ";IFEXISTS=TRUE";
        try (Connection c = new org.h2.Driver().connect(url, login); Statement s = c.createStatement()) {
            return count(s, "project", "projects") + ", " + count(s, "document", "documents") + ", "
                    + count(s, "coding", "codings") + ", " + count(s, "app_user", "accounts");
        } catch (SQLException e) {
            throw new Refusal("the backup could not be opened as Margin's database: " + e.getMessage());
        }
    }

    private static String count(Statement s, String table, String what) throws SQLException {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1) + " " + what;
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** Leaves nothing half-restored behind: the folder as it was (removed if this command created it). */
    private static void undo(Path target, boolean created) {
        try {
            Files.deleteIfExists(target.resolve(DATABASE_FILE));
            Files.deleteIfExists(target.resolve("margin.trace.db"));
            if (created && Files.isDirectory(target)) {
                try (Stream<Path> left = Files.walk(target)) {
                    left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException ignored) {
            // the message about the failure itself matters more than this clean-up
        }
    }

    /** A reason not to restore, said to the administrator. */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    public static int main(String[] args) {
        return new RestoreCommand(System.out, System.err).run(args);
    }
}
