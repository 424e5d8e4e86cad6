package app.margin.audit;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Reading and verifying a project's audit log (SUPERVISOR and OWNER). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditService {
    private final ProjectAccess access;
    private final ObjectMapper json;

    AuditService(ProjectAccess access, ObjectMapper json) {
        this.access = access;
        this.json = json;
    }

    /** Events after sequence number {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<AuditEventView> list(long projectId, long afterSeq, int limit) {
        access.require(projectId, Permission.READ_AUDIT);
        List<AuditEvent> events = AuditEvent.find("projectId = ?1 and seq > ?2 order by seq", projectId, afterSeq)
                .page(0, Math.clamp(limit, 1, 1000)).list();
        return events.stream().map(this::view).toList();
    }

    /** Recomputes the hash chain; reports the first event that does not match. */
    public Verification verify(long projectId) {
        access.require(projectId, Permission.READ_AUDIT);
        List<AuditEvent> events = AuditEvent.list("projectId = ?1 order by seq", projectId);
        String expectedPrev = AuditHash.GENESIS;
        long expectedSeq = 1;
        for (AuditEvent e : events) {
            if (e.seq != expectedSeq || !e.prevHash.equals(expectedPrev) || !AuditHash.of(e).equals(e.hash)) {
                return new Verification(false, events.size(), e.seq);
            }
            expectedPrev = e.hash;
            expectedSeq++;
        }
        return new Verification(true, events.size(), null);
    }

    private AuditEventView view(AuditEvent e) {
        return new AuditEventView(e.id, e.seq, e.at, e.actor, e.action, e.targetType, e.targetId,
                parse(e.beforeJson), parse(e.afterJson), e.hash);
    }

    private JsonNode parse(String stored) {
        try {
            return stored == null ? null : json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audit snapshot is not JSON", e);
        }
    }

    public record AuditEventView(long id, long seq, Instant at, String actor, String action, String targetType,
            Long targetId, JsonNode before, JsonNode after, String hash) {
    }

    /** @param firstBrokenSeq the first event whose chain link does not verify, or null when all do */
    public record Verification(boolean valid, int events, Long firstBrokenSeq) {
    }
}
