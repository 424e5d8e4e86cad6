package app.margin.coding;

import static app.margin.coding.MigrationRows.insert;
import static app.margin.coding.MigrationRows.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V4 on a database that already holds identical codings (made before the rule was enforced): the earliest
 * of each set is kept, memos and adjudications move to it, and the unique index holds afterwards. Runs on a fresh
 * in-memory H2; with -Dmargin.migration-test.url=jdbc:postgresql://… (an empty database of your own) on PostgreSQL.
 */
class IdenticalCodingsMigrationTest {
    @Test
    void repeatsAreRemovedTheirMemosAndAdjudicationsMovedAndTheRuleHoldsAfterwards() throws SQLException {
        String url = System.getProperty("margin.migration-test.url",
                "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String user = System.getProperty("margin.migration-test.user", url.startsWith("jdbc:h2") ? "sa" : "postgres");
        Flyway flyway = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration")
                .cleanDisabled(false).load();
        flyway.clean();
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("3").load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            long me = insert(db, "insert into app_user (username, roles, created_at) values ('coder', 'user', current_timestamp)");
            long other = insert(db, "insert into app_user (username, roles, created_at) values ('other', 'user', current_timestamp)");
            long project = insert(db, "insert into project (name, created_at, created_by) values ('P', current_timestamp, " + me + ")");
            long doc = insert(db, "insert into document (project_id, title, kind, language, text, text_length, "
                    + "source_file_name, source_format, source_sha256, imported_by, imported_at) values (" + project
                    + ", 'P07', 'TRANSCRIPT', 'en', 'The broker took my money.', 25, 'p07.txt', 'TXT', 'x', " + me
                    + ", current_timestamp)");
            long code = insert(db, "insert into code (project_id, name, color, created_at) values (" + project
                    + ", 'Cost', '#aa0000', current_timestamp)");
            long kept = coding(db, project, doc, code, me, "CODER", 4, 10);
            long repeat1 = coding(db, project, doc, code, me, "CODER", 4, 10);
            long repeat2 = coding(db, project, doc, code, me, "CODER", 4, 10);
            long otherCoder = coding(db, project, doc, code, other, "CODER", 4, 10);
            long otherRange = coding(db, project, doc, code, me, "CODER", 4, 11);
            long master = coding(db, project, doc, code, me, "MASTER", 4, 10);
            long masterRepeat = coding(db, project, doc, code, me, "MASTER", 4, 10);
            long memoOnRepeat = insert(db, "insert into memo (project_id, target_type, target_id, author_id, body, "
                    + "created_at, updated_at) values (" + project + ", 'CODING', " + repeat2 + ", " + me
                    + ", 'A note', current_timestamp, current_timestamp)");
            long round = insert(db, "insert into agreement_round (project_id, name, blind, unit_of_analysis, created_by, "
                    + "created_at) values (" + project + ", 'R', false, 'CHARACTER', " + me + ", current_timestamp)");
            long adjudication = insert(db, "insert into adjudication (project_id, round_id, document_id, code_id, decision, "
                    + "start_offset, end_offset, source_codings, master_coding_id, decided_by, decided_at) values ("
                    + project + ", " + round + ", " + doc + ", " + code + ", 'ACCEPT', 4, 10, '" + kept + "', "
                    + masterRepeat + ", " + me + ", current_timestamp)");

            flyway.migrate();

            assertEquals(List.of(kept, otherCoder, otherRange, master), longs(db, "select id from coding order by id"));
            assertEquals(List.of(kept), longs(db, "select target_id from memo where id = " + memoOnRepeat));
            assertEquals(List.of(master), longs(db, "select master_coding_id from adjudication where id = " + adjudication));
            SQLException refused = assertThrows(SQLException.class, () -> coding(db, project, doc, code, me, "CODER", 4, 10));
            assertEquals("23505", refused.getSQLState());
            assertEquals(List.of(), List.of(repeat1, masterRepeat).stream()
                    .filter(id -> !longsUnchecked(db, "select id from coding where id = " + id).isEmpty()).toList());
        } finally {
            flyway.clean();
        }
    }

    private static long coding(Connection db, long project, long doc, long code, long coder, String layer, int start,
            int end) throws SQLException {
        return insert(db, "insert into coding (project_id, document_id, code_id, coder_id, layer, start_offset, "
                + "end_offset, created_at, updated_at) values (" + project + ", " + doc + ", " + code + ", " + coder
                + ", '" + layer + "', " + start + ", " + end + ", current_timestamp, current_timestamp)");
    }


    private static List<Long> longsUnchecked(Connection db, String sql) {
        try {
            return longs(db, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
