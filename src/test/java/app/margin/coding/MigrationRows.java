package app.margin.coding;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for the migration tests, which write rows as an older schema held them, before Hibernate exists. */
final class MigrationRows {
    private MigrationRows() {
    }

    /** Runs an insert and answers the generated id. */
    static long insert(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql, new String[] {"id"});
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The first column of every row a query answers. */
    static List<Long> longs(Connection db, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
