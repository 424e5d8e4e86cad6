package app.margin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
        // audit rows; and the two statements on the head then skip Hibernate's flush before each native query,
        // which dirty-checked every entity of the request again (a fifth of an audited coding's time under load).
        em.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> head = em.createNativeQuery(
                        "select last_seq, last_hash from audit_head where project_id = ?1 for update")
                .setFlushMode(FlushModeType.COMMIT).setParameter(1, projectId).getResultList();
        AuditEvent event = new AuditEvent();
        event.projectId = projectId;
        event.seq = head.isEmpty() ? 1 : ((Number) head.getFirst()[0]).longValue() + 1;
        event.prevHash = head.isEmpty() ? AuditHash.GENESIS : (String) head.getFirst()[1];
        event.at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event.actor = actor;
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId;
        event.beforeJson = toJson(before);
        event.afterJson = toJson(after);
        event.hash = AuditHash.of(event);
        event.persist();
        em.createNativeQuery(head.isEmpty()
                        ? "insert into audit_head (last_seq, last_hash, project_id) values (?1, ?2, ?3)"
                        : "update audit_head set last_seq = ?1, last_hash = ?2 where project_id = ?3")
                .setFlushMode(FlushModeType.COMMIT).setParameter(1, event.seq).setParameter(2, event.hash)
                .setParameter(3, projectId).executeUpdate();
        changed.fire(new ProjectChanged(projectId, event.seq));
        return event.seq;
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
