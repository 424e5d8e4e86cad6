package app.margin.coding;

import app.margin.coding.VisibleLayers.Documents;
import app.margin.coding.VisibleLayers.Layers;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which codings a member sees: the one visibility rule of Margin. SUPERVISOR and OWNER see every layer. Everyone
 * else sees their own layer and the master layer, narrowed and widened by agreement rounds they code in (the
 * database views {@code blind_document} and {@code revealed_layer}, defined with the rounds):
 * <ul>
 * <li>on a document of an unrevealed <b>blind</b> round, a round coder sees only their own layer — not the master
 * layer either, so nobody's decisions leak into independent coding;</li>
 * <li>on a document of a <b>revealed</b> round, a round coder also sees the other round coders' layers.</li>
 * </ul>
 * Blindness wins when a document is in both kinds of round.
 *
 * <p>The rule is written once, in {@link #parts()}; every place that filters codings translates those parts: the
 * viewer and memos with {@link #mayView}, coding lists, counts and exports with {@link VisibilityCondition} (JPQL),
 * search with {@code search.SearchScope} (Lucene).
 */
public final class LayerVisibility {
    private final long callerId;
    private final boolean seesAll;
    /** Documents on which the caller sees only their own layer. */
    private final Set<Long> blindDocuments;
    /** Per document, the other coders whose layers a revealed round shares with the caller. */
    private final Map<Long, Set<Long>> sharedCoders;
    private final List<VisibleLayers> parts;

    private LayerVisibility(long callerId, boolean seesAll, Set<Long> blindDocuments, Map<Long, Set<Long>> sharedCoders) {
        this.callerId = callerId;
        this.seesAll = seesAll;
        this.blindDocuments = Set.copyOf(blindDocuments);
        Map<Long, Set<Long>> shared = new HashMap<>();
        sharedCoders.forEach((doc, coders) -> shared.put(doc, Set.copyOf(coders)));
        this.sharedCoders = Map.copyOf(shared);
        this.parts = List.copyOf(rule());
    }

    /**
     * The visibility of one caller from its parts: whether they see every layer, the documents of unrevealed blind
     * rounds they code in, and per document of a revealed round the other round coders.
     */
    public static LayerVisibility of(long callerId, boolean seesAll, Set<Long> blindDocuments, Map<Long, Set<Long>> sharedCoders) {
        return seesAll ? new LayerVisibility(callerId, true, Set.of(), Map.of())
                : new LayerVisibility(callerId, false, blindDocuments, sharedCoders);
    }

    /** Everything visible: what SUPERVISOR and OWNER see (and a test's fixed scope). */
    public static LayerVisibility everything(Grant grant) {
        return of(grant.userId(), true, Set.of(), Map.of());
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
        return of(grant.userId(), false, blind, shared);
    }

    /**
     * The rule, as the layers the caller sees and where (computed once per caller): for SUPERVISOR and OWNER every layer everywhere; for
     * everyone else their own layer everywhere, the master layer except on blind documents, and each revealed round
     * partner's layer on the shared documents that are not blind in another round (partners sharing the same
     * documents in one part, so a round adds one part, not one per coder or document).
     */
    public List<VisibleLayers> parts() {
        return parts;
    }

    private List<VisibleLayers> rule() {
        if (seesAll) {
            return List.of(new VisibleLayers(Layers.EVERY, Documents.ALL));
        }
        List<VisibleLayers> visible = new ArrayList<>();
        visible.add(new VisibleLayers(Layers.coders(Set.of(callerId)), Documents.ALL));
        visible.add(new VisibleLayers(Layers.MASTER, Documents.allExcept(blindDocuments)));
        Map<Long, Set<Long>> documentsByPartner = new TreeMap<>();
        sharedCoders.forEach((doc, coders) -> {
            if (!blindDocuments.contains(doc)) {
                coders.forEach(coder -> documentsByPartner.computeIfAbsent(coder, c -> new TreeSet<>()).add(doc));
            }
        });
        Map<Set<Long>, Set<Long>> partnersByDocuments = new java.util.LinkedHashMap<>();
        documentsByPartner.forEach((coder, docs) -> partnersByDocuments.computeIfAbsent(docs, d -> new TreeSet<>()).add(coder));
        partnersByDocuments.forEach((docs, coders) -> visible.add(new VisibleLayers(Layers.coders(coders), Documents.only(docs))));
        return visible;
    }

    /**
     * The layers the caller sees on one document (what the viewer's layer menu offers): the union of the parts that
     * cover it, so a revealed round partner's layer is there on the round's documents and nowhere else.
     */
    public Layers layersOn(long documentId) {
        boolean master = false;
        Set<Long> coders = new TreeSet<>();
        for (VisibleLayers part : parts) {
            if (!part.documents().contain(documentId)) {
                continue;
            }
            if (part.layers().every()) {
                return Layers.EVERY;
            }
            master |= part.layers().master();
            coders.addAll(part.layers().coders());
        }
        return new Layers(false, master, coders);
    }

    /** The parts limited to some layers (a search's {@code coder:}); empty when the caller sees none of them. */
    public List<VisibleLayers> partsIn(Layers asked) {
        return parts.stream().map(p -> p.narrowedTo(asked)).filter(java.util.Objects::nonNull).toList();
    }

    public boolean seesAll() {
        return seesAll;
    }

    public long callerId() {
        return callerId;
    }

    static boolean mayView(Grant grant, Coding coding) {
        return of(grant).mayView(coding);
    }

    boolean mayView(Coding coding) {
        return mayView(coding.layer, coding.coderId, coding.documentId);
    }

    /** Whether the caller sees a coding of one layer, made by one coder, on one document. */
    public boolean mayView(CodingLayer layer, long coderId, long documentId) {
        for (VisibleLayers part : parts) { // a loop, not a stream: search calls this per code of every hit
            if (part.covers(layer, coderId, documentId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller may ask for one coder's codings by name: their own, anyone's for supervisors, or a revealed
     * round partner's (even where another round keeps the partner's documents blind: the answer is then empty).
     */
    public boolean mayAskFor(long coderId) {
        return seesAll || coderId == callerId || sharedCoders.values().stream().anyMatch(c -> c.contains(coderId));
    }

    /** Asking for one coder's codings: refused unless {@link #mayAskFor}. */
    void requireMayView(long coderId) {
        if (!mayAskFor(coderId)) {
            throw ProblemException.forbidden("Only supervisors and owners can see other coders' codings.");
        }
    }

    /** A JPQL condition (" and …", with its parameters) limiting a query of Coding to what {@link #mayView} allows. */
    String restriction(Map<String, Object> params) {
        VisibilityCondition condition = VisibilityCondition.of(this, VisibilityCondition.Columns.CODING);
        if (!condition.restricts()) {
            return "";
        }
        params.putAll(condition.parameters());
        return " and " + condition.where();
    }
}
