package app.margin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends audit events inside the caller's transaction, so an event exists exactly when its change does.
 * Appends to one project are serialised by locking the project's row, which keeps the hash chain linear.
 */
@ApplicationScoped
public class AuditLog {
    private final EntityManager em;
    private final ObjectMapper json;

    AuditLog(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Records one change.
     *
     * @param before what the target looked like before (ids and small fields, never document text), or null
     * @param after what it looks like after, or null when it was removed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(long projectId, String actor, String action, String targetType, Long targetId,
            Object before, Object after) {
        em.createNativeQuery("select id from project where id = ?1 for update").setParameter(1, projectId)
                .getResultList();
        AuditEvent last = AuditEvent.find("projectId = ?1 order by seq desc", projectId).firstResult();
        AuditEvent event = new AuditEvent();
        event.projectId = projectId;
        event.seq = last == null ? 1 : last.seq + 1;
        event.prevHash = last == null ? AuditHash.GENESIS : last.hash;
        event.at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event.actor = actor;
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId;
        event.beforeJson = toJson(before);
        event.afterJson = toJson(after);
        event.hash = AuditHash.of(event);
        event.persist();
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
