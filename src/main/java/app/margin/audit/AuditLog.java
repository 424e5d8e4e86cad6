package app.margin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hibernate.Session;

/**
 * Appends audit events inside the caller's transaction, so an event exists exactly when its change does.
 * Appends to one project are serialised by locking the project's chain head (table audit_head), which keeps the
 * hash chain linear.
 */
@ApplicationScoped
public class AuditLog {
    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<ProjectChanged> changed;

    AuditLog(EntityManager em, ObjectMapper json, Event<ProjectChanged> changed) {
        this.em = em;
        this.json = json;
        this.changed = changed;
    }

    /**
     * Records one change.
     *
     * @param before what the target looked like before (ids and small fields, never document text), or null
     * @param after what it looks like after, or null when it was removed
     * @return the event's sequence number in the project's chain
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(long projectId, String actor, String action, String targetType, Long targetId,
            Object before, Object after) {
        // The change itself goes to the database before the chain head is locked, so the lock is held only for the
        // audit rows. The three statements on the chain then run as plain JDBC on the transaction's connection: as
        // Hibernate native queries and an entity persist they were a quarter of an added coding's time (JFR of the
        // workload benchmark, 2026-12-01), spent in query objects, parameter binding and the action queue, not in H2.
        em.flush();
        AuditEvent event = new AuditEvent();
        event.projectId = projectId;
        event.at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event.actor = actor;
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId;
        event.beforeJson = toJson(before);
        event.afterJson = toJson(after);
        em.unwrap(Session.class).doWork(connection -> append(connection, event));
        changed.fire(new ProjectChanged(projectId, event.seq, actor));
        return event.seq;
    }

    /** Locks the chain head, links {@code event} to it (seq, prevHash, hash), inserts it and moves the head on. */
    private static void append(Connection connection, AuditEvent event) throws SQLException {
        boolean hasHead;
        try (PreparedStatement lock = connection.prepareStatement(
                "select last_seq, last_hash from audit_head where project_id = ? for update")) {
            lock.setLong(1, event.projectId);
            try (ResultSet head = lock.executeQuery()) {
                hasHead = head.next();
                event.seq = hasHead ? head.getLong(1) + 1 : 1;
                event.prevHash = hasHead ? head.getString(2) : AuditHash.GENESIS;
            }
        }
        event.hash = AuditHash.of(event);
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_event (project_id, seq, at, "
                + "actor, action, target_type, target_id, before_json, after_json, prev_hash, hash) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, event.projectId);
            insert.setLong(2, event.seq);
            insert.setObject(3, event.at.atOffset(ZoneOffset.UTC));
            insert.setString(4, event.actor);
            insert.setString(5, event.action);
            insert.setString(6, event.targetType);
            if (event.targetId == null) {
                insert.setNull(7, Types.BIGINT);
            } else {
                insert.setLong(7, event.targetId);
            }
            insert.setString(8, event.beforeJson);
            insert.setString(9, event.afterJson);
            insert.setString(10, event.prevHash);
            insert.setString(11, event.hash);
            insert.executeUpdate();
        }
        try (PreparedStatement move = connection.prepareStatement(hasHead
                ? "update audit_head set last_seq = ?, last_hash = ? where project_id = ?"
                : "insert into audit_head (last_seq, last_hash, project_id) values (?, ?, ?)")) {
            move.setLong(1, event.seq);
            move.setString(2, event.hash);
            move.setLong(3, event.projectId);
            move.executeUpdate();
        }
    }

    /**
     * Takes, now, the lock that {@link #record} takes on the project's chain head. A change that checks a rule across
     * rows no index can express (one master coding per code and range, whoever adjudicated) calls this before the
     * check, so that two such changes of a project cannot both pass it; it holds the lock until its commit anyway.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void serialise(long projectId) {
        em.createNativeQuery("select last_seq from audit_head where project_id = ?1 for update")
                .setParameter(1, projectId).getResultList();
    }

    /** The last change of a project's chain: sequence number 0 and no hash while it has none. */
    public record Head(long seq, String hash) {
    }

    /**
     * The project's last committed change, read from the chain head (one row by its key, without locking it): cheap
     * enough for every search to ask whether its index is behind.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Head head(long projectId) {
        @SuppressWarnings("unchecked")
        List<Object[]> head = em.createNativeQuery("select last_seq, last_hash from audit_head where project_id = ?1")
                .setParameter(1, projectId).getResultList();
        return head.isEmpty() ? new Head(0, null)
                : new Head(((Number) head.getFirst()[0]).longValue(), (String) head.getFirst()[1]);
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit snapshot is not serialisable", e);
        }
    }
}
