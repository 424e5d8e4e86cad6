package app.margin.coding;

import static app.margin.coding.MigrationRows.insert;
import static app.margin.coding.MigrationRows.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 on a database with batches of codings and adjudications made before it: each batch gets its row in
 * coding_batch (from its audit event) and its codings point at it; an adjudication's comma list of source codings
 * becomes rows of adjudication_source, in order. Runs on a fresh in-memory H2; with
 * -Dmargin.migration-test.url=jdbc:postgresql://… (an empty database of your own) on PostgreSQL.
 */
class QueryRelationsMigrationTest {
    @Test
    void batchesAndAdjudicationSourcesBecomeRows() throws SQLException {
        String url = System.getProperty("margin.migration-test.url",
                "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String user = System.getProperty("margin.migration-test.user", url.startsWith("jdbc:h2") ? "sa" : "postgres");
        Flyway flyway = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration")
                .cleanDisabled(false).load();
        flyway.clean();
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("7").load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            long me = insert(db, "insert into app_user (username, roles, created_at) values ('coder', 'user', current_timestamp)");
            long project = insert(db, "insert into project (name, created_at, created_by) values ('P', current_timestamp, " + me + ")");
            long doc = insert(db, "insert into document (project_id, title, kind, language, text, text_length, "
                    + "source_file_name, source_format, source_sha256, imported_by, imported_at) values (" + project
                    + ", 'P07', 'TRANSCRIPT', 'en', 'The broker took my money.', 25, 'p07.txt', 'TXT', 'x', " + me
                    + ", current_timestamp)");
            long code = insert(db, "insert into code (project_id, name, color, created_at) values (" + project
                    + ", 'Cost', '#aa0000', current_timestamp)");
            long a = coding(db, project, doc, code, me, 0, 3);
            long b = coding(db, project, doc, code, me, 4, 10);
            long c = coding(db, project, doc, code, me, 11, 15);
            long byHand = coding(db, project, doc, code, me, 16, 20);
            // batch 7 made a, b and a coding since removed (999); batch 9 made c and was undone
            audit(db, project, 7, "coding.batch-added", null, "{\"codeId\":" + code + ",\"description\":\"say \\\"codingIds\\\":[1]\","
                    + "\"documentIds\":[" + doc + "],\"codingIds\":[" + a + "," + b + ",999]}");
            audit(db, project, 9, "coding.batch-added", null, "{\"codeId\":" + code + ",\"description\":null,"
                    + "\"documentIds\":[" + doc + "],\"codingIds\":[" + c + "]}");
            audit(db, project, 10, "coding.batch-undone", 9L, null);
            long round = insert(db, "insert into agreement_round (project_id, name, blind, unit_of_analysis, created_by, "
                    + "created_at) values (" + project + ", 'R', false, 'CHARACTER', " + me + ", current_timestamp)");
            long merge = adjudication(db, project, round, doc, code, me, c + "," + a + "," + b);
            long reject = adjudication(db, project, round, doc, code, me, "");

            flyway.migrate();

            assertEquals(List.of(7L, 9L), longs(db, "select audit_seq from coding_batch order by audit_seq"));
            assertEquals(List.of(3L, 1L), longs(db, "select created from coding_batch order by audit_seq"));
            assertEquals(List.of(code, code), longs(db, "select code_id from coding_batch order by audit_seq"));
            assertEquals(List.of(0L, 1L), longs(db, "select case when undone_at is null then 0 else 1 end "
                    + "from coding_batch order by audit_seq"));
            assertEquals(List.of(7L, 7L, 9L), longs(db, "select k.audit_seq from coding c join coding_batch k "
                    + "on k.id = c.batch_id order by c.id"));
            assertEquals(List.of(0L), longs(db, "select count(*) from coding where batch_id is not null and id = " + byHand));
            assertEquals(List.of(c, a, b), longs(db, "select coding_id from adjudication_source where adjudication_id = "
                    + merge + " order by ordinal"));
            assertEquals(List.of(0L), longs(db, "select count(*) from adjudication_source where adjudication_id = " + reject));
        } finally {
            flyway.clean();
        }
    }

    private static long coding(Connection db, long project, long doc, long code, long coder, int start, int end)
            throws SQLException {
        return insert(db, "insert into coding (project_id, document_id, code_id, coder_id, layer, start_offset, "
                + "end_offset, created_at, updated_at) values (" + project + ", " + doc + ", " + code + ", " + coder
                + ", 'CODER', " + start + ", " + end + ", current_timestamp, current_timestamp)");
    }

    private static void audit(Connection db, long project, long seq, String action, Long target, String after)
            throws SQLException {
        insert(db, "insert into audit_event (project_id, seq, at, actor, action, target_type, target_id, after_json, "
                + "prev_hash, hash) values (" + project + ", " + seq + ", current_timestamp, 'coder', '" + action
                + "', 'CODING', " + target + ", " + (after == null ? "null" : "'" + after + "'") + ", 'x', 'y')");
    }

    private static long adjudication(Connection db, long project, long round, long doc, long code, long me,
            String sources) throws SQLException {
        return insert(db, "insert into adjudication (project_id, round_id, document_id, code_id, decision, start_offset, "
                + "end_offset, source_codings, decided_by, decided_at) values (" + project + ", " + round + ", " + doc
                + ", " + code + ", 'MERGE', 0, 15, '" + sources + "', " + me + ", current_timestamp)");
    }
}
