package app.margin.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Map;
import org.hibernate.Session;

/**
 * Writes a new document's row and its attributes with plain JDBC on the transaction's connection. An imported text is
 * never changed, so the entity has nothing to do in the import's session: persisting it there made Hibernate insert
 * it at once (identity key), then dirty-check it at the audit record's flush and again at the commit, about a sixth
 * of an import request (flight recording of the workload benchmark, 2026-12-01). The document is read back as an
 * entity only by the requests that change its metadata.
 */
final class DocumentRows {
    private static final String INSERT = "insert into document (project_id, case_id, title, kind, language, text, "
            + "text_length, source_file_name, source_format, source_sha256, field_date, field_place, field_author, "
            + "imported_by, imported_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    private DocumentRows() {
    }

    /** Inserts {@code doc} (not yet saved) with its attributes and sets its {@code id}; the entity stays unmanaged. */
    static void insert(Document doc) {
        Document.getEntityManager().unwrap(Session.class).doWork(connection -> {
            doc.id = insertRow(connection, doc);
            insertAttributes(connection, doc.id, doc.attributes);
        });
    }

    private static long insertRow(Connection connection, Document doc) throws SQLException {
        // Only the key comes back (PostgreSQL would return every column, the text too, for RETURN_GENERATED_KEYS).
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setLong(1, doc.projectId);
            if (doc.caseId == null) {
                insert.setNull(2, Types.BIGINT);
            } else {
                insert.setLong(2, doc.caseId);
            }
            insert.setString(3, doc.title);
            insert.setString(4, doc.kind.name());
            insert.setString(5, doc.language);
            insert.setString(6, doc.text);
            insert.setInt(7, doc.textLength);
            insert.setString(8, doc.sourceFileName);
            insert.setString(9, doc.sourceFormat);
            insert.setString(10, doc.sourceSha256);
            if (doc.fieldDate == null) {
                insert.setNull(11, Types.DATE);
            } else {
                insert.setObject(11, doc.fieldDate);
            }
            insert.setString(12, doc.fieldPlace);
            insert.setString(13, doc.fieldAuthor);
            insert.setLong(14, doc.importedBy);
            insert.setObject(15, doc.importedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                if (!key.next()) {
                    throw new SQLException("The database returned no key for the new document");
                }
                return key.getLong(1);
            }
        }
    }

    private static void insertAttributes(Connection connection, long documentId, Map<String, String> attributes)
            throws SQLException {
        if (attributes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into document_attribute (document_id, name, val) values (?, ?, ?)")) {
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                insert.setLong(1, documentId);
                insert.setString(2, attribute.getKey());
                insert.setString(3, attribute.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
