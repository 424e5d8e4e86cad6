package app.margin.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Database failures of concurrent requests are recognised under any wrapping, and answered 409, never 500. */
class SqlFailuresTest {
    static SQLException unique(String constraint) {
        return new SQLException("duplicate key value violates unique constraint \"" + constraint + "\"", "23505");
    }

    @Test
    void aUniqueViolationIsFoundAsCauseSuppressedOrNextException() {
        PersistenceException atFlush = new PersistenceException("could not execute statement", unique("ux_coding_identical"));
        assertTrue(SqlFailures.isUniqueViolation(atFlush));
        assertTrue(SqlFailures.isUniqueViolation(atFlush, "UX_CODING_IDENTICAL"), "H2 says the name in capitals");
        assertFalse(SqlFailures.isUniqueViolation(atFlush, "idempotency_key_pkey"));

        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.addSuppressed(atFlush);
        assertTrue(SqlFailures.isUniqueViolation(new IllegalStateException(atCommit)));

        SQLException batch = new SQLException("Batch entry 0 was aborted", "22000");
        batch.setNextException(unique("ux_coding_identical"));
        assertTrue(SqlFailures.isUniqueViolation(new PersistenceException(batch)));

        assertFalse(SqlFailures.isUniqueViolation(new PersistenceException(new SQLException("value too long", "22001"))));
        assertFalse(SqlFailures.isUniqueViolation(null));
    }

    @Test
    void deadlocksAndLockTimeoutsAreConcurrentWrites() {
        assertTrue(SqlFailures.isConcurrentWrite(new PersistenceException(new SQLException("deadlock detected", "40P01"))));
        assertTrue(SqlFailures.isConcurrentWrite(new PersistenceException(new SQLException("Timeout trying to lock table", "HYT00"))));
        assertFalse(SqlFailures.isConcurrentWrite(new PersistenceException(unique("x"))));
    }

    @Test
    void theFallbackMapperAnswers409ForThemAnd500ForTheRest() {
        ProblemMappers mappers = new ProblemMappers();
        RollbackException atCommit = new RollbackException("Could not commit");
        atCommit.initCause(new PersistenceException(unique("uq_membership")));
        assertEquals(409, mappers.unexpected(atCommit).getStatus());
        assertEquals(409, mappers.unexpected(new PersistenceException(new SQLException("deadlock", "40P01"))).getStatus());
        assertEquals(500, mappers.unexpected(new IllegalStateException("a bug")).getStatus());
    }

    /** H2 quotes the refused value in its message; what goes to the log keeps types, SQL states and stack traces only. */
    @Test
    void aLoggableFailureHasNoDatabaseMessages() {
        String secret = "P07 told me about the smuggler";
        SQLException h2 = new SQLException("Value too long for column \"TITLE CHARACTER VARYING(500)\": \"'" + secret
                + "' (600)\"", "22001", 22001);
        PersistenceException wrapped = new PersistenceException("could not execute statement [" + h2.getMessage() + "]", h2);
        RuntimeException outer = new IllegalStateException("commit failed: " + secret, wrapped);

        Throwable loggable = SqlFailures.loggable(outer);
        java.io.StringWriter printed = new java.io.StringWriter();
        loggable.printStackTrace(new java.io.PrintWriter(printed));
        assertFalse(printed.toString().contains(secret), printed.toString());
        assertTrue(printed.toString().contains("SQL state 22001"));
        assertTrue(printed.toString().contains("jakarta.persistence.PersistenceException"));
        assertEquals(outer.getStackTrace()[0], loggable.getStackTrace()[0]);

        IllegalStateException notSql = new IllegalStateException("a bug");
        assertTrue(SqlFailures.loggable(notSql) == notSql, "a failure without SQL is logged as it is");
    }
}
