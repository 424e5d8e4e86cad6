package app.margin.problem;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVStoreException;

/**
 * Margin could not write (or read) its own storage: the embedded database, the PostgreSQL server or a search index.
 * Read from a failure's causes, since the interesting part is deep inside (Hibernate → H2 → MVStore → the operating
 * system's "No space left on device"). The operating system's and the databases' own words are matched, not
 * exception types alone: an IOException from a broken upload must stay what it is.
 *
 * @param cause           what is wrong with the disk
 * @param database        the failure came through the database (embedded H2 or a server), not Margin's own files
 * @param databaseClosed  the request found the embedded database (H2) already closed after an earlier failure
 * @param restartNeeded   the embedded database closes itself on a failed write to its file (H2 2.x "panic"): nothing
 *                        can be read or saved again until Margin is restarted
 * @param path            the file the operating system named, if it named one
 * @param systemMessage   the operating system's own words ("No space left on device"), for the log; never SQL
 */
public record StorageFailure(Cause cause, boolean database, boolean databaseClosed, boolean restartNeeded, String path,
        String systemMessage) {

    public enum Cause {
        DISK_FULL("the disk is full"),
        NOT_WRITABLE("the directory is read-only or not writable for the account that runs Margin"),
        IO_ERROR("the disk reported a read or write error");

        private final String words;

        Cause(String words) {
            this.words = words;
        }

        /** The cause as a clause for a sentence ("… because the disk is full"). */
        public String words() {
            return words;
        }
    }

    /** H2's error codes (org.h2.api.ErrorCode) and MVStore's (org.h2.mvstore.DataUtils) that concern its file. */
    private static final int H2_IO_EXCEPTION_1 = 90028;
    private static final int H2_IO_EXCEPTION_2 = 90031;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;
    private static final int H2_DATABASE_IS_CLOSED = 90098;
    private static final int H2_DATABASE_CALLED_AT_SHUTDOWN = 90121;
    private static final int MVSTORE_READING_FAILED = 1;
    private static final int MVSTORE_WRITING_FAILED = 2;
    private static final int MVSTORE_CLOSED = 4;
    /** PostgreSQL's disk_full. */
    private static final String POSTGRES_DISK_FULL = "53100";

    /** The storage failure inside {@code failure}, if it is one. */
    public static Optional<StorageFailure> of(Throwable failure) {
        Findings found = new Findings();
        found.walk(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found.result();
    }

    /** For a failure already known to concern storage (a search index write): unknown errors are read/write errors. */
    public static StorageFailure ofIo(IOException failure) {
        return of(failure).orElseGet(() -> new StorageFailure(Cause.IO_ERROR, false, false, false,
                pathOf(failure), failure.getMessage()));
    }

    private static String pathOf(Throwable failure) {
        return failure instanceof FileSystemException fs ? fs.getFile() : null;
    }

    /** What the causes of one failure say, gathered in one walk. */
    private static final class Findings {
        Cause cause;
        boolean database;
        boolean closed;
        boolean restart;
        boolean storage;
        /**
         * Whichever comes first in the causes decides: the request whose write failed meets the closed database only
         * later, when it rolls back (a suppressed failure), and is told its change was not saved and why (507); a later
         * request finds the database closed first, with the old write failure as its cause (503, restart).
         */
        boolean writeFailed;
        String path;
        String systemMessage;

        void walk(Throwable t, Set<Throwable> seen) {
            if (t == null || !seen.add(t) || seen.size() > 64) {
                return;
            }
            look(t);
            walk(t.getCause(), seen);
            for (Throwable suppressed : t.getSuppressed()) {
                walk(suppressed, seen);
            }
            // A batch update's failure (DocumentUnit.insertAll) keeps the store's error as the next exception, not
            // as its cause.
            if (t instanceof SQLException sql) {
                walk(sql.getNextException(), seen);
            }
        }

        private void look(Throwable t) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof FileSystemException fs && path == null) {
                path = fs.getFile();
            }
            if (t instanceof IOException) {
                if (saysDiskFull(message)) {
                    note(Cause.DISK_FULL);
                    systemMessage = t.getMessage();
                } else if (t instanceof AccessDeniedException || saysNotWritable(message)) {
                    note(Cause.NOT_WRITABLE);
                    systemMessage = systemMessage == null ? t.getMessage() : systemMessage;
                }
            }
            if (t instanceof SQLException sql) {
                lookAtSql(sql, message);
            }
            if (t instanceof MVStoreException store) {
                database = true;
                int code = store.getErrorCode();
                if (code == MVSTORE_CLOSED) {
                    closed |= !writeFailed;
                    restart = true;
                    storage = true;
                } else if (code == MVSTORE_WRITING_FAILED || code == MVSTORE_READING_FAILED) {
                    writeFailed |= code == MVSTORE_WRITING_FAILED && !closed;
                    // H2 closes the whole database after a failed write of its store ("panic"), measured with 2.4.240.
                    restart |= code == MVSTORE_WRITING_FAILED;
                    note(Cause.IO_ERROR);
                }
            }
        }

        private void lookAtSql(SQLException sql, String message) {
            boolean h2 = sql.getClass().getName().startsWith("org.h2.");
            database = true;
            if (POSTGRES_DISK_FULL.equals(sql.getSQLState()) || saysDiskFull(message)) {
                note(Cause.DISK_FULL);
            }
            if (!h2) {
                return;
            }
            switch (sql.getErrorCode()) {
                case H2_DATABASE_IS_CLOSED, H2_DATABASE_CALLED_AT_SHUTDOWN -> {
                    closed |= !writeFailed;
                    restart = true;
                    storage = true;
                }
                case H2_DATABASE_IS_READ_ONLY -> note(Cause.NOT_WRITABLE);
                case H2_IO_EXCEPTION_1, H2_IO_EXCEPTION_2 -> note(Cause.IO_ERROR);
                default -> {
                }
            }
        }

        /** Keeps the most telling cause: a full disk says more than "a write failed". */
        private void note(Cause found) {
            storage = true;
            if (cause == null || found.ordinal() < cause.ordinal()) {
                cause = found;
            }
        }

        Optional<StorageFailure> result() {
            if (!storage) {
                return Optional.empty();
            }
            return Optional.of(new StorageFailure(cause == null ? Cause.IO_ERROR : cause, database, closed, restart, path,
                    systemMessage));
        }
    }

    private static boolean saysDiskFull(String message) {
        return message.contains("no space left on device") || message.contains("disk quota exceeded")
                || message.contains("not enough space on the disk") || message.contains("file too large");
    }

    private static boolean saysNotWritable(String message) {
        return message.contains("read-only file system") || message.contains("permission denied")
                || message.contains("operation not permitted")
                || message.contains("access is denied");
    }
}
