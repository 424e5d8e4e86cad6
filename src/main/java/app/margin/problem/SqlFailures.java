package app.margin.problem;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises the database failures that concurrent requests cause, whatever wraps them (Hibernate's exceptions, a
 * JTA RollbackException at commit, Quarkus' transaction exceptions). H2 and PostgreSQL both report them through
 * the SQL state of the {@link SQLException} at the bottom of the chain.
 */
public final class SqlFailures {
    /** Unique constraint or unique index violated (SQL standard class 23, both H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Two transactions wrote the same rows: serialization failure (40001), deadlock (PostgreSQL 40P01), H2's
     * "concurrent update" (90131), lock timeouts (H2 HYT00 and 50200, PostgreSQL 55P03).
     */
    private static final Set<String> CONCURRENT_WRITE = Set.of("40001", "40P01", "90131", "HYT00", "50200", "55P03");

    private SqlFailures() {
    }

    /** Whether a unique constraint was violated; with a name, only that constraint or index (any letter case). */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        SQLException sql = find(failure, Set.of(UNIQUE_VIOLATION));
        return sql != null && (constraint == null
                || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT)));
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return isUniqueViolation(failure, null);
    }

    /** Whether the database refused because another transaction wrote the same rows at the same time. */
    public static boolean isConcurrentWrite(Throwable failure) {
        return find(failure, CONCURRENT_WRITE) != null;
    }

    /**
     * The failure as it may be written to the log. A database's messages quote the values they refused (H2: "Value too
     * long for column … : 'the whole text'"), and those are participants' words, so when an SQLException is among the
     * causes every message of the chain is replaced by its type and SQL state; the stack traces stay.
     */
    public static Throwable loggable(Throwable failure) {
        if (find(failure, null) == null) {
            return failure;
        }
        return redacted(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static Throwable redacted(Throwable t, Set<Throwable> seen) {
        String words = t.getClass().getName() + (t instanceof SQLException sql
                ? " (SQL state " + sql.getSQLState() + ", error " + sql.getErrorCode() + "; message left out: it may quote stored text)"
                : " (message left out: it may quote stored text)");
        Throwable copy = new RedactedFailure(words);
        copy.setStackTrace(t.getStackTrace());
        if (seen.add(t)) {
            Throwable cause = t instanceof SQLException sql && sql.getCause() == null ? sql.getNextException() : t.getCause();
            if (cause != null && cause != t && seen.size() < 64) {
                copy.initCause(redacted(cause, seen));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (seen.size() < 64 && !seen.contains(suppressed)) {
                    copy.addSuppressed(redacted(suppressed, seen));
                }
            }
        }
        return copy;
    }

    /** Stands in for a failure whose message was left out of the log. */
    private static final class RedactedFailure extends RuntimeException {
        RedactedFailure(String words) {
            super(words);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * The first SQLException with one of the states (any state when {@code states} is null), among the causes, the suppressed exceptions (Narayana may attach
     * the failure of a commit's flush either way) and each SQLException's next exceptions.
     */
    private static SQLException find(Throwable failure, Set<String> states) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty() && seen.size() < 100) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                if (states == null || sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                    return sql;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }
}
