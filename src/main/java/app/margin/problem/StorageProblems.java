package app.margin.problem;

import app.margin.problem.StorageFailure.Cause;
import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a researcher is told, and what the log tells the administrator, when Margin's database or files cannot be
 * written. Every request fails the same way once a disk is full, so the log says it once per state and then at most
 * every few minutes with a count, instead of a stack trace per request.
 */
public final class StorageProblems {
    /** How often a failure that goes on is logged again. */
    static final Duration REMINDER = Duration.ofMinutes(5);
    private static final LogThrottle LOG = new LogThrottle(REMINDER);

    private StorageProblems() {
    }

    /** The problem for a request that failed on storage (found by {@link StorageFailure#of}). */
    public static ProblemException problem(StorageFailure failure) {
        if (!failure.database()) {
            return files(failure);
        }
        if (failure.databaseClosed()) {
            return new ProblemException(503, "Database unavailable", "Margin cannot use its database until it is "
                    + "restarted: an earlier write to it failed because " + failure.cause().words() + ". Nothing can "
                    + "be saved or read until then; every change Margin confirmed before is kept. Ask your "
                    + "administrator to " + remedy(failure.cause()) + " and restart Margin.");
        }
        String then = failure.restartNeeded() ? " and restart Margin, then try again." : ", then try again.";
        if (failure.cause() == Cause.DISK_FULL) {
            return new ProblemException(507, "Not saved: disk full", "Margin could not save this: the disk that holds "
                    + "its database is full. Nothing of this request was saved; every change Margin confirmed before "
                    + "is kept. Ask your administrator to free space on that disk" + then);
        }
        return new ProblemException(503, "Not saved", "Margin could not save this: it cannot write to its database "
                + "because " + failure.cause().words() + ". Nothing of this request was saved; every change Margin "
                + "confirmed before is kept. Ask your administrator to " + remedy(failure.cause()) + then);
    }

    private static ProblemException files(StorageFailure failure) {
        int status = failure.cause() == Cause.DISK_FULL ? 507 : 503;
        return new ProblemException(status, failure.cause() == Cause.DISK_FULL ? "Disk full" : "Storage unavailable",
                "Margin could not complete this: it cannot write its files because " + failure.cause().words()
                        + ". Ask your administrator to " + remedy(failure.cause()) + ", then try again.");
    }

    /** What the administrator should do, as a clause ("… to free space on the disk …"). */
    public static String remedy(Cause cause) {
        return switch (cause) {
            case DISK_FULL -> "free space on the disk that holds Margin's data";
            case NOT_WRITABLE -> "make Margin's data directory writable for the account that runs Margin";
            case IO_ERROR -> "check the disk that holds Margin's data (the log names the error)";
        };
    }

    /** Logs the failure for the administrator: once when it starts or changes, then every few minutes with a count. */
    public static void log(StorageFailure failure) {
        String state = failure.cause() + (failure.database() ? "/database" : "/files")
                + (failure.restartNeeded() ? "/closed" : "");
        LOG.tryLog(state, suppressed -> Log.errorf("%s%s", adminLine(failure),
                suppressed > 0 ? " (" + suppressed + " more requests failed the same way since the last such line)" : ""));
    }

    /** One line that says what failed and what to do. */
    public static String adminLine(StorageFailure failure) {
        String what = !failure.database() ? "its files" + where(failure.path())
                : failure.restartNeeded() || failure.databaseClosed() ? "its embedded database " + databaseFile()
                : "its database";
        String system = failure.systemMessage() == null ? "" : " (" + failure.systemMessage() + ")";
        String consequence = failure.restartNeeded()
                ? " The embedded database has closed itself: every request fails until Margin is restarted."
                : failure.database() ? " Changes are refused until that is fixed." : "";
        String restart = failure.restartNeeded() ? ", then restart Margin" : "";
        return "Margin cannot write " + what + ": " + failure.cause().words() + system + "." + consequence
                + " What to do: " + remedy(failure.cause()) + restart + "; every change Margin confirmed is kept.";
    }

    private static String where(String path) {
        return path == null ? "" : " at " + path;
    }

    private static String databaseFile() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("margin.data-dir", String.class)
                    .map(dir -> Path.of(dir).toAbsolutePath().normalize().resolve("margin.mv.db").toString())
                    .orElse("(margin.mv.db in MARGIN_DATA_DIR)");
        } catch (RuntimeException | LinkageError noConfig) {
            return "(margin.mv.db in MARGIN_DATA_DIR)";
        }
    }
}
