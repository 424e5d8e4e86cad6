package app.margin.backup;

import app.margin.backup.BackupDtos.BackupView;
import app.margin.config.MarginConfig;
import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Online backups of the whole installation, for administrators. On the embedded H2 database this is H2's
 * {@code BACKUP TO}: it flushes every commit, stops the store from reusing file space while it copies the database
 * file into a ZIP, and takes no table locks, so coders keep working. The copy ends at a committed state (MVStore
 * is append-only during the copy; on opening, a chunk written after the copy began is ignored and open
 * transactions are rolled back), so every change answered before the backup started is in it and no half of a
 * change is. The ZIP holds one entry, {@code margin.mv.db}: unpacked into an empty folder it is a data directory.
 * Search indexes are derived and not included; Margin rebuilds them on start. On PostgreSQL the database server's
 * own tools are the right ones, so the answer says which (docs/backup.md).
 */
@ApplicationScoped
public class BackupService {
    /** H2's code for "this database is not persistent" (an in-memory database). */
    private static final int H2_NOT_PERSISTENT = 90126;
    static final String CHECKSUM_SUFFIX = ".sha256";

    private final CurrentCaller caller;
    private final DataSource database;
    private final Path directory;
    /** One backup at a time: two copies of the same file at once only double the disk traffic. */
    private final ReentrantLock running = new ReentrantLock();

    BackupService(CurrentCaller caller, DataSource database, MarginConfig config) {
        this.caller = caller;
        this.database = database;
        this.directory = config.backup().dir().filter(d -> !d.isBlank()).map(Path::of)
                .orElse(Path.of(config.dataDir()).resolve("backups")).toAbsolutePath().normalize();
    }

    /** Takes a backup now; returns it once it is complete on disk. */
    public BackupView create() {
        AppUser admin = requireAdmin();
        if (!running.tryLock()) {
            throw ProblemException.conflict("A backup is being made right now. Wait until it is finished, then list "
                    + "the backups (GET /api/v1/admin/backups).");
        }
        try {
            return backUp(admin);
        } finally {
            running.unlock();
        }
    }

    /** The backups in the backup folder, newest first. */
    public List<BackupView> list() {
        requireAdmin();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<BackupView> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "margin-*.zip")) {
            for (Path file : files) {
                Optional<Instant> takenAt = BackupFiles.takenAt(file.getFileName().toString());
                if (takenAt.isPresent() && Files.isRegularFile(file)) {
                    found.add(view(file, takenAt.get(), readChecksum(file)));
                }
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        found.sort(Comparator.comparing(BackupView::file, BackupFiles.NEWEST_FIRST));
        return found;
    }

    /** The file of one backup, for downloading; 404 for any name that is not a backup in the folder. */
    public Path file(String name) {
        AppUser admin = requireAdmin();
        if (BackupFiles.takenAt(name).isEmpty() || !Files.isRegularFile(directory.resolve(name))) {
            throw ProblemException.notFound("There is no backup named '" + name + "'. List them with "
                    + "GET /api/v1/admin/backups.");
        }
        Log.infof("Backup %s downloaded by user %d", name, admin.id);
        return directory.resolve(name);
    }

    private BackupView backUp(AppUser admin) {
        long started = System.nanoTime();
        try (Connection connection = database.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (product.toLowerCase(Locale.ROOT).contains("postgres")) {
                throw onPostgres(connection.getMetaData());
            }
            if (!"H2".equalsIgnoreCase(product)) {
                throw ProblemException.conflict("Margin makes backups of its embedded H2 database only; this "
                        + "installation uses " + product + ". Back it up with that database's own tools.");
            }
            BackupFiles.createDirectory(directory);
            Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            // the partial file is owner-only before H2 writes a byte into it, and renamed only when complete
            Path partial = directory.resolve(".partial-" + UUID.randomUUID() + ".zip");
            BackupFiles.createOwnerOnly(partial);
            try {
                try (PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
                    backup.setString(1, partial.toString());
                    backup.executeUpdate();
                }
                String checksum = sha256(partial);
                Path target = freeName(at);
                BackupFiles.moveNoReplace(partial, target);
                Path sum = target.resolveSibling(target.getFileName() + CHECKSUM_SUFFIX);
                BackupFiles.createOwnerOnly(sum);
                // the format of sha256sum, so `sha256sum -c margin-….zip.sha256` checks a copy
                Files.writeString(sum, checksum + "  " + target.getFileName() + "\n", StandardCharsets.UTF_8);
                BackupView view = view(target, at, checksum);
                Log.infof("Backup %s made by user %d: %d bytes in %d ms", view.file(), admin.id, view.sizeBytes(),
                        (System.nanoTime() - started) / 1_000_000);
                return view;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_NOT_PERSISTENT) {
                throw ProblemException.conflict("This Margin keeps its database in memory (a test setup), so there "
                        + "is nothing on disk to back up.");
            }
            throw notWritten(e);
        } catch (IOException e) {
            throw notWritten(e);
        }
    }

    /** The name for a backup taken at {@code at}; a second backup within the same second gets -2, -3, … */
    private Path freeName(Instant at) {
        for (int attempt = 1; attempt < 10_000; attempt++) {
            Path candidate = directory.resolve(BackupFiles.name(at, attempt));
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
        throw ProblemException.conflict("There are too many backups with the time stamp of this second; try again.");
    }

    private AppUser requireAdmin() {
        AppUser user = caller.user();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can make or download backups.");
        }
        return user;
    }

    /** The commands for this installation's own database, host and user, ready to paste. */
    private static ProblemException onPostgres(java.sql.DatabaseMetaData meta) throws SQLException {
        PostgresTarget db = PostgresTarget.of(meta.getURL(), meta.getUserName());
        return ProblemException.conflict("This Margin keeps its data in PostgreSQL, which Margin does not copy "
                        + "itself. Back up the database with PostgreSQL's tools while Margin runs: " + db.dump()
                        + " — and restore it into a new, empty database: " + db.restore() + " (docs/backup.md). "
                        + "Search indexes are rebuilt on start and need no backup.")
                .with("database", "postgresql")
                .with("backupCommand", db.dump())
                .with("restoreCommand", db.restore());
    }

    /** Where the team database is, read from the JDBC URL, for the pg_dump / pg_restore commands. */
    record PostgresTarget(String host, String port, String database, String user) {
        private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile(
                "jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?;]+).*");

        static PostgresTarget of(String url, String user) {
            java.util.regex.Matcher m = URL.matcher(url == null ? "" : url);
            return m.matches() ? new PostgresTarget(m.group(1), m.group(2) == null ? "5432" : m.group(2), m.group(3),
                    user == null ? "margin" : user) : new PostgresTarget("db-host", "5432", "margin", "margin");
        }

        String dump() {
            return "pg_dump -Fc -h " + host + " -p " + port + " -U " + user + " -f margin-$(date -u +%Y%m%dT%H%M%SZ).dump "
                    + database;
        }

        String restore() {
            return "createdb -h " + host + " -p " + port + " -U " + user + " " + database + "_restored && pg_restore "
                    + "--no-owner -h " + host + " -p " + port + " -U " + user + " -d " + database
                    + "_restored margin-….dump";
        }
    }

    private ProblemException notWritten(Exception e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Backup into %s failed, reference %s", directory, reference);
        return new ProblemException(503, "Backup failed", "Margin could not write the backup into " + directory
                + ". Check that the folder is writable and the disk has room for a copy of the database, then try "
                + "again; reference " + reference + ".").with("reference", reference);
    }

    private ProblemException unreadable(IOException e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Listing backups in %s failed, reference %s", directory, reference);
        return new ProblemException(503, "Backups unreadable", "Margin could not read the backup folder "
                + directory + "; reference " + reference + ".").with("reference", reference);
    }

    private static BackupView view(Path file, Instant at, String checksum) throws IOException {
        String name = file.getFileName().toString();
        return new BackupView(name, Files.size(file), at, checksum, "/api/v1/admin/backups/" + name);
    }

    private static String readChecksum(Path file) throws IOException {
        try {
            String line = Files.readString(file.resolveSibling(file.getFileName() + CHECKSUM_SUFFIX),
                    StandardCharsets.UTF_8);
            int space = line.indexOf(' ');
            return space == 64 ? line.substring(0, 64) : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
