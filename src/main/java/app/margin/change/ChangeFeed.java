package app.margin.change;

import app.margin.change.IndexChange.CodingChange;
import app.margin.change.IndexChange.CodingsChanged;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.change.IndexChange.ProjectDeleted;
import app.margin.change.IndexChange.Range;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/**
 * The typed change feed (table {@code index_change}): a feature announces what its change means for the search index
 * in the same transaction as the change, so a feed row exists exactly when its change does. After a crash the index
 * replays the rows it had not committed; another instance on the same database reads the same rows.
 *
 * <p>Rows are tied to the change's place in the project's audit chain ({@code auditSeq}, which {@code AuditLog.record}
 * returns): appends to a project are already serialised there, so the feed needs no second lock or sequence, and the
 * audit chain head stays the one "something moved" signal. The audit log itself is for people; nothing reads its JSON
 * back to decide what to index.
 */
@ApplicationScoped
public class ChangeFeed {
    private static final String DOCUMENT = "DOCUMENT";
    private static final String CODING = "CODING";
    private static final String PROJECT_DELETED = "PROJECT_DELETED";
    /** Written by V8 at each project's chain head of the time: the feed covers only changes after it. */
    private static final String START = "START";

    private final EntityManager em;

    ChangeFeed(EntityManager em) {
        this.em = em;
    }

    /** Records {@code change} as part of the audited change {@code auditSeq}, inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(long auditSeq, IndexChange change) {
        // One JDBC batch: a code merged in a large project names thousands of codings.
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into index_change (project_id, "
                    + "audit_seq, kind, document_id, coding_id, before_start, before_end, after_start, after_end) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                switch (change) {
                    case DocumentsChanged d -> {
                        for (long documentId : d.documentIds()) {
                            row(insert, change.projectId(), auditSeq, DOCUMENT, documentId, null, null, null);
                        }
                    }
                    case CodingsChanged c -> {
                        for (CodingChange coding : c.codings()) {
                            row(insert, change.projectId(), auditSeq, CODING, coding.documentId(), coding.codingId(),
                                    coding.before(), coding.after());
                        }
                    }
                    case ProjectDeleted p -> row(insert, change.projectId(), auditSeq, PROJECT_DELETED, null, null,
                            null, null);
                }
                insert.executeBatch();
            }
        });
    }

    private static void row(PreparedStatement insert, long projectId, long seq, String kind, Long documentId,
            Long codingId, Range before, Range after) throws SQLException {
        insert.setLong(1, projectId);
        insert.setLong(2, seq);
        insert.setString(3, kind);
        setLong(insert, 4, documentId);
        setLong(insert, 5, codingId);
        setInt(insert, 6, before == null ? null : before.start());
        setInt(insert, 7, before == null ? null : before.end());
        setInt(insert, 8, after == null ? null : after.start());
        setInt(insert, 9, after == null ? null : after.end());
        insert.addBatch();
    }

    /**
     * The changes of the project after {@code afterSeq} up to {@code upToSeq}, in order; empty when the feed cannot
     * tell (it starts after {@code afterSeq}: those changes predate the feed or were pruned), so the caller rebuilds.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Replay after(long projectId, long afterSeq, long upToSeq) {
        List<IndexChange> changes = new ArrayList<>();
        boolean[] complete = {true};
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select audit_seq, kind, document_id, "
                    + "coding_id, before_start, before_end, after_start, after_end from index_change "
                    + "where project_id = ? and audit_seq > ? and audit_seq <= ? order by audit_seq, id")) {
                select.setLong(1, projectId);
                select.setLong(2, afterSeq);
                select.setLong(3, upToSeq);
                try (ResultSet rows = select.executeQuery()) {
                    Set<Long> documents = new LinkedHashSet<>();
                    List<CodingChange> codings = new ArrayList<>();
                    while (rows.next()) {
                        switch (rows.getString(2)) {
                            case DOCUMENT -> documents.add(rows.getLong(3));
                            case CODING -> codings.add(new CodingChange(rows.getLong(3), rows.getLong(4),
                                    range(rows, 5), range(rows, 7)));
                            case PROJECT_DELETED -> changes.add(new ProjectDeleted(projectId));
                            case START -> complete[0] = false; // the feed began after the index's last change
                            default -> throw new IllegalStateException("Unknown index change " + rows.getString(2));
                        }
                    }
                    if (!documents.isEmpty()) {
                        changes.add(new DocumentsChanged(projectId, documents));
                    }
                    if (!codings.isEmpty()) {
                        changes.add(new CodingsChanged(projectId, codings));
                    }
                }
            }
        });
        return new Replay(complete[0], changes);
    }

    /** @param complete false when the feed does not reach back to the asked point: rebuild instead of replaying */
    public record Replay(boolean complete, List<IndexChange> changes) {
    }

    /**
     * Deletes the project's rows up to {@code seq}. The index calls this with its last committed change minus its
     * replay limit: an index further behind than that limit rebuilds rather than replays, so those rows are read by
     * no one (on any instance) any more.
     */
    @Transactional
    public int prune(long projectId, long seq) {
        return em.createNativeQuery("delete from index_change where project_id = ?1 and audit_seq <= ?2")
                .setParameter(1, projectId).setParameter(2, seq).executeUpdate();
    }

    /** Deletes every row of a deleted project. */
    @Transactional
    public int forget(long projectId) {
        return em.createNativeQuery("delete from index_change where project_id = ?1").setParameter(1, projectId)
                .executeUpdate();
    }

    private static Range range(ResultSet rows, int column) throws SQLException {
        int start = rows.getInt(column);
        return rows.wasNull() ? null : new Range(start, rows.getInt(column + 1));
    }

    private static void setLong(PreparedStatement s, int i, Long value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, value);
        }
    }

    private static void setInt(PreparedStatement s, int i, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, value);
        }
    }
}
