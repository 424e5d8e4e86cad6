package app.margin.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.problem.StorageFailure.Cause;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.h2.mvstore.DataUtils;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Full and read-only disks as they reach Margin (the chains measured with H2 2.4.240 on a full tmpfs: Hibernate over
 * H2 over MVStore over the operating system's "No space left on device"), mapped to what a researcher is told.
 */
class StorageFailureTest {

    /** The first write that fails: H2's general error around MVStore's failed write (the database closes after it). */
    static RuntimeException h2WriteOnFullDisk() {
        var store = DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed; length {1}",
                "sun.nio.ch.FileChannelImpl@1", 1761280, new IOException("No space left on device"));
        SQLException sql = DbException.get(ErrorCode.GENERAL_ERROR_1, store, store.toString()).getSQLException();
        return new GenericJDBCException("Error executing work", sql);
    }

    /** Every request after that one: the database has been closed, caused by the same full disk. */
    static RuntimeException h2AfterItClosed() {
        var store = DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed",
                "sun.nio.ch.FileChannelImpl@1", new IOException("No space left on device"));
        SQLException closed = DbException.get(ErrorCode.DATABASE_IS_CLOSED, store).getSQLException();
        return new JDBCConnectionException("JDBC exception executing SQL", closed);
    }

    @Test
    void aChangeThatFailsOnAFullDiskIs507NotSavedWithWhatToDoAndNoReference() {
        Response response = new ProblemMappers().unexpected(h2WriteOnFullDisk());
        assertEquals(507, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertEquals("Not saved: disk full", problem.title());
        assertEquals("Margin could not save this: the disk that holds its database is full. Nothing of this request "
                + "was saved; every change Margin confirmed before is kept. Ask your administrator to free space on "
                + "that disk and restart Margin, then try again.", problem.detail());
        assertFalse(problem.extensions().containsKey("reference"));
    }

    @Test
    void aBatchInsertThatFailsOnAFullDiskIs507Too() {
        // A batch (an import's passages) reports the store's failure as its next exception, not as its cause.
        var store = DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed",
                "retry:/srv/margin/margin.mv.db", new IOException("No space left on device"));
        SQLException inner = DbException.get(ErrorCode.GENERAL_ERROR_1, store, store.toString()).getSQLException();
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("General error", "HY000", 50000,
                new int[0]);
        batch.setNextException(inner);
        Response response = new ProblemMappers().unexpected(new GenericJDBCException("Error executing work", batch));
        assertEquals(507, response.getStatus());
    }

    @Test
    void onceH2HasClosedItselfEveryRequestIs503SayingARestartIsNeeded() {
        Response response = new ProblemMappers().unexpected(h2AfterItClosed());
        assertEquals(503, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("Database unavailable", problem.title());
        assertEquals("Margin cannot use its database until it is restarted: an earlier write to it failed because the "
                + "disk is full. Nothing can be saved or read until then; every change Margin confirmed before is "
                + "kept. Ask your administrator to free space on the disk that holds Margin's data and restart "
                + "Margin.", problem.detail());
    }

    @Test
    void h2ClosedWithoutAKnownCauseIsStillADatabaseThatNeedsARestart() {
        StorageFailure failure = StorageFailure.of(new JDBCConnectionException("x",
                DbException.get(ErrorCode.DATABASE_IS_CLOSED).getSQLException())).orElseThrow();
        assertEquals(Cause.IO_ERROR, failure.cause());
        assertTrue(failure.databaseClosed());
        assertTrue(failure.restartNeeded());
    }

    @Test
    void postgresqlsDiskFullIs507WithoutARestart() {
        var full = new PersistenceException("could not execute statement", new SQLException(
                "ERROR: could not extend file \"base/16384/2619\": wrote only 4096 of 8192 bytes", "53100"));
        StorageFailure failure = StorageFailure.of(full).orElseThrow();
        assertEquals(Cause.DISK_FULL, failure.cause());
        assertFalse(failure.restartNeeded());
        Problem problem = (Problem) new ProblemMappers().unexpected(full).getEntity();
        assertEquals(507, problem.status());
        assertTrue(problem.detail().endsWith("Ask your administrator to free space on that disk, then try again."),
                problem.detail());
    }

    @Test
    void aReadOnlyDataDirectoryUnderH2SaysSo() {
        var readOnly = new FileSystemException("/data/margin.mv.db", null, "Read-only file system");
        var store = DataUtils.newMVStoreException(DataUtils.ERROR_READING_FAILED, "Could not open file {0}",
                "/data/margin.mv.db", readOnly);
        SQLException sql = DbException.get(ErrorCode.IO_EXCEPTION_1, store, "/data/margin.mv.db").getSQLException();
        StorageFailure failure = StorageFailure.of(new PersistenceException(sql)).orElseThrow();
        assertEquals(Cause.NOT_WRITABLE, failure.cause());
        assertEquals("/data/margin.mv.db", failure.path());
        Problem problem = (Problem) new ProblemMappers().unexpected(new PersistenceException(sql)).getEntity();
        assertEquals(503, problem.status());
        assertTrue(problem.detail().startsWith("Margin could not save this: it cannot write to its database because "
                + "the directory is read-only or not writable for the account that runs Margin."), problem.detail());
    }

    @Test
    void filesOutsideTheDatabaseOnAFullDiskAre507WithoutTalkOfTheDatabase() {
        Problem problem = (Problem) new ProblemMappers().unexpected(new UncheckedIOException(
                new IOException("No space left on device"))).getEntity();
        assertEquals(507, problem.status());
        assertEquals("Margin could not complete this: it cannot write its files because the disk is full. Ask your "
                + "administrator to free space on the disk that holds Margin's data, then try again.", problem.detail());
        assertEquals(Cause.NOT_WRITABLE, StorageFailure.of(new AccessDeniedException("/data/index/project-1/_0.cfs"))
                .orElseThrow().cause());
        assertEquals(Cause.NOT_WRITABLE, StorageFailure.of(new FileSystemException("/data/index/x", null,
                "Operation not permitted")).orElseThrow().cause());
    }

    @Test
    void otherFailuresAreNotMistakenForADisk() {
        assertTrue(StorageFailure.of(new IOException("Connection reset by peer")).isEmpty());
        assertTrue(StorageFailure.of(new PersistenceException(new SQLException("duplicate key", "23505"))).isEmpty());
        assertTrue(StorageFailure.of(new GenericJDBCException("x", DbException.get(ErrorCode.SYNTAX_ERROR_1, "x")
                .getSQLException())).isEmpty());
        assertEquals(500, new ProblemMappers().unexpected(new IllegalStateException("no")).getStatus());
    }

    @Test
    void theLogLineSaysWhatFailedAndWhatToDo() {
        String line = StorageProblems.adminLine(StorageFailure.of(h2WriteOnFullDisk()).orElseThrow());
        assertTrue(line.startsWith("Margin cannot write its embedded database "), line);
        assertTrue(line.contains("margin.mv.db: the disk is full (No space left on device). The embedded database "
                + "has closed itself: every request fails until Margin is restarted. What to do: free space on the "
                + "disk that holds Margin's data, then restart Margin; every change Margin confirmed is kept."), line);
    }

    @Test
    void aProblemWithRetryAfterSendsTheHeader() {
        Response response = new ProblemMappers().problem(new ProblemException(503, "Search unavailable", "x")
                .retryAfter(14));
        assertEquals("14", response.getHeaderString("Retry-After"));
        assertNull(new ProblemMappers().problem(ProblemException.notFound("x")).getHeaderString("Retry-After"));
    }

    @Test
    void aRepeatedFailureIsLoggedOnceThenEveryIntervalWithTheCountAndAtOnceWhenItChanges() {
        long[] now = {0};
        LogThrottle throttle = new LogThrottle(java.time.Duration.ofSeconds(300), () -> now[0]);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            throttle.tryLog("DISK_FULL", left -> lines.add("full, " + left + " left out"));
            now[0] += 1_000_000_000L; // one request a second
        }
        assertEquals(List.of("full, 0 left out"), lines);
        now[0] += 300_000_000_000L;
        throttle.tryLog("DISK_FULL", left -> lines.add("full, " + left + " left out"));
        throttle.tryLog("NOT_WRITABLE", left -> lines.add("read-only, " + left + " left out"));
        assertEquals(List.of("full, 0 left out", "full, 99 left out", "read-only, 0 left out"), lines);
    }
}
