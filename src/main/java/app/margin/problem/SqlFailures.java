package app.margin.problem;

import java.sql.SQLException;
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

    /** The first SQLException with one of the states, along the causes and each SQLException's next exceptions. */
    private static SQLException find(Throwable failure, Set<String> states) {
        int guard = 0;
        for (Throwable t = failure; t != null && guard++ < 50; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException first) {
                for (SQLException sql = first; sql != null && guard++ < 50; sql = sql.getNextException()) {
                    if (sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                        return sql;
                    }
                }
            }
        }
        return null;
    }
}
