package app.margin.coding;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which codings a member sees. SUPERVISOR and OWNER see every layer. Everyone else sees their own layer and the
 * master layer, narrowed and widened by agreement rounds they code in (the database views {@code blind_document}
 * and {@code revealed_layer}, defined with the rounds):
 * <ul>
 * <li>on a document of an unrevealed <b>blind</b> round, a round coder sees only their own layer — not the master
 * layer either, so nobody's decisions leak into independent coding;</li>
 * <li>on a document of a <b>revealed</b> round, a round coder also sees the other round coders' layers.</li>
 * </ul>
 * Blindness wins when a document is in both kinds of round.
 */
public final class LayerVisibility {
    private final Grant grant;
    /** Documents on which the caller sees only their own layer. */
    private final Set<Long> blindDocuments;
    /** Per document, the other coders whose layers a revealed round shares with the caller. */
    private final Map<Long, Set<Long>> sharedCoders;

    private LayerVisibility(Grant grant, Set<Long> blindDocuments, Map<Long, Set<Long>> sharedCoders) {
        this.grant = grant;
        this.blindDocuments = blindDocuments;
        this.sharedCoders = sharedCoders;
    }

    /** Everything visible: what SUPERVISOR and OWNER see (and a test's fixed scope). */
    public static LayerVisibility everything(Grant grant) {
        return new LayerVisibility(grant, Set.of(), Map.of());
    }

    /** The caller's visibility, with the rounds they code in loaded once. */
    public static LayerVisibility of(Grant grant) {
        if (grant.can(Permission.SEE_ALL_LAYERS)) {
            return everything(grant);
        }
        var em = Panache.getEntityManager();
        Set<Long> blind = new HashSet<>();
        em.createNativeQuery("select document_id from blind_document where project_id = ?1 and user_id = ?2")
                .setParameter(1, grant.projectId()).setParameter(2, grant.userId()).getResultList()
                .forEach(id -> blind.add(((Number) id).longValue()));
        Map<Long, Set<Long>> shared = new HashMap<>();
        em.createNativeQuery("select document_id, coder_id from revealed_layer where project_id = ?1 "
                        + "and viewer_id = ?2 and coder_id <> ?2", Object[].class)
                .setParameter(1, grant.projectId()).setParameter(2, grant.userId()).getResultList()
                .forEach(r -> {
                    Object[] row = (Object[]) r;
                    shared.computeIfAbsent(((Number) row[0]).longValue(), d -> new HashSet<>())
                            .add(((Number) row[1]).longValue());
                });
        return new LayerVisibility(grant, blind, shared);
    }

    public boolean seesAll() {
        return grant.can(Permission.SEE_ALL_LAYERS);
    }

    public long callerId() {
        return grant.userId();
    }

    /** Documents on which the caller sees only their own layer (blind agreement rounds they code in). */
    public Set<Long> blindDocuments() {
        return Set.copyOf(blindDocuments);
    }

    /** The other coders whose layers a revealed round shares with the caller, on some document at least. */
    public Set<Long> partners() {
        Set<Long> partners = new HashSet<>();
        sharedCoders.values().forEach(partners::addAll);
        return partners;
    }

    /** The documents on which the caller sees a partner's layer (revealed, and not blind in another round). */
    public Set<Long> documentsSharedBy(long coderId) {
        Set<Long> documents = new HashSet<>();
        sharedCoders.forEach((doc, coders) -> {
            if (coders.contains(coderId) && !blindDocuments.contains(doc)) {
                documents.add(doc);
            }
        });
        return documents;
    }

    static boolean mayView(Grant grant, Coding coding) {
        return of(grant).mayView(coding);
    }

    boolean mayView(Coding coding) {
        return mayView(coding.layer, coding.coderId, coding.documentId);
    }

    /**
     * The rule itself: whether the caller sees a coding of one layer, made by one coder, on one document (callers
     * who do not know who made a master coding pass -1).
     */
    public boolean mayView(CodingLayer layer, long coderId, long documentId) {
        if (grant.can(Permission.SEE_ALL_LAYERS) || coderId == grant.userId()) {
            return true;
        }
        if (blindDocuments.contains(documentId)) {
            return false;
        }
        return layer == CodingLayer.MASTER || sharedCoders.getOrDefault(documentId, Set.of()).contains(coderId);
    }

    /** Asking for one coder's codings: the caller's own, anyone's for supervisors, or a revealed round partner's. */
    void requireMayView(long coderId) {
        if (!grant.can(Permission.SEE_ALL_LAYERS) && coderId != grant.userId() && !partners().contains(coderId)) {
            throw ProblemException.forbidden("Only supervisors and owners can see other coders' codings.");
        }
    }

    /** A JPQL condition (with its parameters) limiting a coding query to what {@link #mayView(Coding)} allows. */
    String restriction(Map<String, Object> params) {
        if (grant.can(Permission.SEE_ALL_LAYERS)) {
            return "";
        }
        params.put("me", grant.userId());
        params.put("master", CodingLayer.MASTER);
        params.put("blind", blindDocuments.isEmpty() ? List.of(-1L) : blindDocuments);
        StringBuilder others = new StringBuilder("layer = :master");
        // documents sharing the same set of partners go into one clause, so a round adds one clause, not one per document
        Map<Set<Long>, Set<Long>> documentsByPartners = new LinkedHashMap<>();
        sharedCoders.forEach((doc, coders) -> documentsByPartners.computeIfAbsent(coders, c -> new HashSet<>()).add(doc));
        int i = 0;
        for (Map.Entry<Set<Long>, Set<Long>> group : documentsByPartners.entrySet()) {
            others.append(" or (layer = :coderLayer and documentId in :sharedDocs").append(i)
                    .append(" and coderId in :sharedCoders").append(i).append(")");
            params.put("coderLayer", CodingLayer.CODER);
            params.put("sharedDocs" + i, group.getValue());
            params.put("sharedCoders" + i, group.getKey());
            i++;
        }
        return " and (coderId = :me or (documentId not in :blind and (" + others + ")))";
    }
}
