package app.margin.coding;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.CodingsChanged;
import app.margin.change.IndexChange.Range;
import app.margin.codebook.Code;
import app.margin.codebook.CodebookService;
import app.margin.coding.CodingDtos.CodingView;
import app.margin.coding.CodingDtos.CreateCodingRequest;
import app.margin.coding.CodingDtos.UpdateCodingRequest;
import app.margin.corpus.Document;
import app.margin.coding.CodingDtos.SegmentView;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Codings in coding layers. A coder writes only in their own layer; who sees which layers is decided by
 * {@link LayerVisibility}.
 */
@ApplicationScoped
@Transactional
public class CodingService {
    /** The largest page {@link #page} gives: a page of 1,000 codings is about 200 KB of JSON. */
    public static final int MAX_PAGE = 1_000;
    /** The order of every coding list, which keyset pages follow ({@link CodingCursor}). */
    private static final String ORDER = " order by documentId, startOffset, endOffset, id";

    private final ProjectAccess access;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final EntityManager em;
    private final Event<LiveNotice> live;

    CodingService(ProjectAccess access, AuditLog audit, ChangeFeed changes, EntityManager em, Event<LiveNotice> live) {
        this.live = live;
        this.changes = changes;
        this.access = access;
        this.audit = audit;
        this.em = em;
    }

    /** Codings the caller may see, filtered by document, code, coder (user name) and layer; each may be null. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CodingView> list(long projectId, Long documentId, Long codeId, String coder, CodingLayer layer) {
        return listOfCodes(projectId, documentId, codeId == null ? null : Set.of(codeId), coder, layer);
    }

    /** The same with several codes (null: any code), so an export of a few codes reads only their codings. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CodingView> listOfCodes(long projectId, Long documentId, Set<Long> codeIds, String coder, CodingLayer layer) {
        Grant grant = access.require(projectId, Permission.READ);
        if (codeIds != null && codeIds.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = filter(grant, projectId, documentId, codeIds, coder, layer, params);
        return views(Coding.list(where + ORDER, params));
    }

    /** One page of {@link #list}'s answer: the codings and, when there are more, where the next page starts. */
    public record Page(List<CodingView> codings, String next) {
    }

    /**
     * A page of at most {@code limit} codings of {@link #list}'s answer, in the same order, starting after the cursor
     * {@code after} (null: from the start). The page is read with {@code limit + 1} rows from the index on the list's
     * order, so a page costs the same wherever it is in a project of 300,000 codings.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page page(long projectId, Long documentId, Long codeId, String coder, CodingLayer layer, int limit,
            String after) {
        Grant grant = access.require(projectId, Permission.READ);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("Ask for 1 to " + MAX_PAGE + " codings per page (limit).");
        }
        Map<String, Object> params = new HashMap<>();
        String where = filter(grant, projectId, documentId, codeId == null ? null : Set.of(codeId), coder, layer, params);
        if (after != null && !after.isBlank()) {
            where += CodingCursor.parse(after).condition(params);
        }
        List<Coding> rows = Coding.<Coding>find(where + ORDER, params).range(0, limit).list();
        String next = rows.size() > limit ? CodingCursor.after(rows.get(limit - 1)).toString() : null;
        return new Page(views(rows.subList(0, Math.min(limit, rows.size()))), next);
    }

    /**
     * Per document, coder and layer: how many codings the caller may see (the project home's "Coded by" column); in
     * document order, then by coder name.
     */
    public record CodingCount(long documentId, String coder, CodingLayer layer, long codings) {
    }

    /**
     * The caller's visible codings counted per document, coder and layer, in the database (one grouped query over the
     * index ix_coding_project_document_coder): the project home showed these by downloading every coding, 300,000 of
     * them in the benchmark project.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CodingCount> counts(long projectId) {
        Grant grant = access.require(projectId, Permission.READ);
        Map<String, Object> params = new HashMap<>();
        params.put("p", projectId);
        String restriction = LayerVisibility.of(grant).restriction(params);
        // projectId leads the grouping as it leads the index, so the database counts in the index's order ("group
        // sorted" in H2's plan) instead of looking up each of the 300,000 rows' group in a tree of 10,000 groups (JFR of
        // ProjectHomeBenchmark: about half of this request was that lookup)
        var query = em.createQuery("select documentId, coderId, layer, count(*) from Coding where projectId = :p"
                + restriction + " group by projectId, documentId, coderId, layer", Object[].class);
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        Map<Long, String> names = AppUser.usernamesById(rows.stream().map(r -> (Long) r[1]).distinct().toList());
        return rows.stream().map(r -> new CodingCount((Long) r[0], names.get((Long) r[1]), (CodingLayer) r[2],
                (Long) r[3])).sorted(Comparator.comparing(CodingCount::documentId)
                .thenComparing(CodingCount::coder, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CodingCount::layer)).toList();
    }

    /** The layers the caller may open on one document ({@link LayerVisibility#layersOn}); 404 for another project's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CodingDtos.DocumentLayers layers(long projectId, long documentId) {
        Grant grant = access.require(projectId, Permission.READ);
        long found = em.createQuery("select count(d) from Document d where d.id = :d and d.projectId = :p", Long.class)
                .setParameter("d", documentId).setParameter("p", projectId).getSingleResult();
        if (found == 0) {
            throw ProblemException.notFound("There is no document " + documentId + " in this project.");
        }
        VisibleLayers.Layers layers = LayerVisibility.of(grant).layersOn(documentId);
        Map<Long, String> names = AppUser.usernamesById(layers.coderIds());
        return new CodingDtos.DocumentLayers(documentId, layers.every(), layers.every() || layers.master(),
                layers.coderIds().stream().map(names::get).filter(java.util.Objects::nonNull).sorted().toList());
    }

    /** The JPQL condition of a coding list: the filters given (each may be null) and what the caller may see. */
    private static String filter(Grant grant, long projectId, Long documentId, Set<Long> codeIds, String coder,
            CodingLayer layer, Map<String, Object> params) {
        LayerVisibility visibility = LayerVisibility.of(grant);
        StringBuilder jpql = new StringBuilder("projectId = :p");
        params.put("p", projectId);
        if (documentId != null) {
            jpql.append(" and documentId = :d");
            params.put("d", documentId);
        }
        if (codeIds != null) {
            jpql.append(" and codeId in :c");
            params.put("c", codeIds);
        }
        if (coder != null && !coder.isBlank()) {
            AppUser user = AppUser.findByUsername(coder.strip()).orElse(null);
            visibility.requireMayView(user == null ? -1 : user.id);
            jpql.append(" and coderId = :u");
            params.put("u", user == null ? -1L : user.id);
        }
        if (layer != null) {
            jpql.append(" and layer = :l");
            params.put("l", layer);
        }
        jpql.append(visibility.restriction(params));
        return jpql.toString();
    }

    private static List<CodingView> views(List<Coding> codings) {
        Map<Long, String> names = AppUser.usernamesById(codings.stream().map(c -> c.coderId).distinct().toList());
        return codings.stream().map(c -> view(c, names)).toList();
    }

    /**
     * The visible segments coded with one code, each with its document, speaker and the words around it, in
     * document order: what a reader of the codebook needs to judge whether the code is applied consistently.
     * Texts and units are read a chunk of documents at a time ({@link CodedSegments}), not once per document.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SegmentView> segments(long projectId, long codeId) {
        access.require(projectId, Permission.READ);
        Code code = Code.findById(codeId);
        if (code == null || code.projectId != projectId) {
            throw ProblemException.notFound("There is no code " + codeId + " in this project.");
        }
        return CodedSegments.of(list(projectId, null, codeId, null, null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CodingView get(long projectId, long codingId) {
        Grant grant = access.require(projectId, Permission.READ);
        Coding coding = visible(grant, codingId);
        return view(coding, AppUser.usernamesById(List.of(coding.coderId)));
    }

    /** Refused with 409 (naming the existing coding) when the caller has already applied this code to this range. */
    public CodingView add(long projectId, CreateCodingRequest request) {
        Grant grant = access.require(projectId, Permission.CODE);
        DocumentBounds doc = DocumentBounds.of(em, projectId, request.documentId());
        CodebookService.referenced(projectId, request.codeId(), "codeId");
        doc.requireValid(request.start(), request.end());
        Coding coding = new Coding();
        coding.projectId = projectId;
        coding.documentId = doc.documentId();
        coding.codeId = request.codeId();
        coding.coderId = grant.userId();
        coding.layer = CodingLayer.CODER;
        coding.startOffset = request.start();
        coding.endOffset = request.end();
        coding.createdAt = Instant.now();
        coding.updatedAt = coding.createdAt;
        // no look first: the unique index refuses a repeat at the insert, which write turns into the same 409
        IdenticalCodings.write(em, coding);
        long seq = audit.record(projectId, grant.username(), "coding.added", "CODING", coding.id, null, snapshot(coding));
        announce(seq, coding, null, range(coding));
        return view(coding, Map.of(grant.userId(), grant.username()));
    }

    public CodingView update(long projectId, long codingId, UpdateCodingRequest request) {
        Grant grant = access.require(projectId, Permission.CODE);
        Coding coding = ownCoding(grant, codingId);
        if (coding.version != request.version()) {
            throw ProblemException.staleVersion("This coding");
        }
        Document doc = Document.findById(coding.documentId);
        Offsets.requireValid(request.start(), request.end(), doc.text);
        if (request.codeId() != null) {
            CodebookService.referenced(projectId, request.codeId(), "codeId");
        }
        Map<String, Object> before = snapshot(coding);
        Range rangeBefore = range(coding);
        // checked on a copy: a query with the managed coding already changed would flush it first
        Coding changed = new Coding();
        changed.documentId = coding.documentId;
        changed.codeId = request.codeId() != null ? request.codeId() : coding.codeId;
        changed.coderId = coding.coderId;
        changed.layer = coding.layer;
        changed.startOffset = request.start();
        changed.endOffset = request.end();
        IdenticalCodings.requireNone(changed, coding.id);
        coding.startOffset = changed.startOffset;
        coding.endOffset = changed.endOffset;
        coding.codeId = changed.codeId;
        coding.updatedAt = Instant.now();
        IdenticalCodings.write(em, coding);
        long seq = audit.record(projectId, grant.username(), "coding.updated", "CODING", codingId, before, snapshot(coding));
        announce(seq, coding, rangeBefore, range(coding));
        return view(coding, Map.of(grant.userId(), grant.username()));
    }

    public void remove(long projectId, long codingId) {
        Grant grant = access.require(projectId, Permission.CODE);
        Coding coding = ownCoding(grant, codingId);
        Map<String, Object> before = snapshot(coding);
        List<Memo> memos = Memo.list("targetType = ?1 and targetId = ?2", Memo.Target.CODING, codingId);
        RemovalRecords.ofCoding(coding, grant.userId(), memos); // so that Undo can put it back, memos and all
        Memo.delete("targetType = ?1 and targetId = ?2", Memo.Target.CODING, codingId);
        coding.delete();
        before.put("memos", memos.size());
        long seq = audit.record(projectId, grant.username(), "coding.removed", "CODING", codingId, before, null);
        announce(seq, coding, range(coding), null);
    }

    /**
     * Puts back a coding the caller removed in the last hour ({@link RemovalRecords#RESTORABLE}): the same document,
     * range, code and layer, with the memos it had (their authors, titles, texts and dates), under new ids. Refused
     * with 404 when there is no such removal (someone else's, already put back, too old), with 409 when its document
     * or code has gone since or the same coding has been made again.
     */
    public CodingView restore(long projectId, long removedCodingId) {
        Grant grant = access.require(projectId, Permission.CODE);
        audit.serialise(projectId); // two Undo clicks at once: the second waits here, then finds nothing to restore
        Removal removal = RemovalRecords.ofRemovedCoding(projectId, removedCodingId, grant.userId());
        if (em.createQuery("select count(d) from Document d where d.id = :d and d.projectId = :p", Long.class)
                .setParameter("d", removal.documentId).setParameter("p", projectId).getSingleResult() == 0) {
            throw ProblemException.conflict("The document of this coding has been removed since, so it cannot be put back.");
        }
        Code code = Code.findById(removal.codeId);
        if (code == null || code.projectId != projectId) {
            throw ProblemException.conflict("The code of this coding has been deleted since, so it cannot be put back.");
        }
        Coding coding = new Coding();
        coding.projectId = projectId;
        coding.documentId = removal.documentId;
        coding.codeId = removal.codeId;
        coding.coderId = removal.coderId;
        coding.layer = removal.layer;
        coding.startOffset = removal.startOffset;
        coding.endOffset = removal.endOffset;
        coding.createdAt = Instant.now();
        coding.updatedAt = coding.createdAt;
        IdenticalCodings.write(em, coding);
        List<Long> memoIds = RemovalRecords.memosOf(removal).stream().map(kept -> {
            Memo memo = kept.revive(projectId, coding.id, coding.createdAt);
            memo.persist();
            return memo.id;
        }).toList();
        RemovalRecords.restored(removal.id);
        Map<String, Object> after = snapshot(coding);
        after.put("restoredFrom", removedCodingId);
        after.put("memoIds", memoIds);
        long seq = audit.record(projectId, grant.username(), "coding.restored", "CODING", coding.id, null, after);
        announce(seq, coding, null, range(coding));
        return view(coding, AppUser.usernamesById(List.of(coding.coderId)));
    }

    /**
     * Writes a coding into the master layer (adjudication). The master coding is attributed to the adjudicator.
     * SUPERVISOR and OWNER only ({@link Permission#ADJUDICATE}).
     */
    public CodingView addToMaster(long projectId, long documentId, long codeId, int start, int end) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        DocumentBounds doc = DocumentBounds.of(em, projectId, documentId);
        CodebookService.referenced(projectId, codeId, "codeId");
        doc.requireValid(start, end);
        // In the master layer the rule holds whoever adjudicated: the database's rule includes the coder, so two
        // supervisors deciding the same disagreement at once are put in order here, before the check.
        audit.serialise(projectId);
        Coding existing = Coding.<Coding>find("documentId = ?1 and codeId = ?2 and layer = ?3 and startOffset = ?4 "
                + "and endOffset = ?5", doc.documentId(), codeId, CodingLayer.MASTER, start, end).firstResult();
        if (existing != null) {
            throw IdenticalCodings.conflict(CodingLayer.MASTER, "‘" + CodebookService.referenced(projectId, codeId,
                    "codeId").name + "’", existing.id);
        }
        Coding coding = new Coding();
        coding.projectId = projectId;
        coding.documentId = doc.documentId();
        coding.codeId = codeId;
        coding.coderId = grant.userId();
        coding.layer = CodingLayer.MASTER;
        coding.startOffset = start;
        coding.endOffset = end;
        coding.createdAt = Instant.now();
        coding.updatedAt = coding.createdAt;
        IdenticalCodings.write(em, coding);
        long seq = audit.record(projectId, grant.username(), "coding.master.added", "CODING", coding.id, null,
                snapshot(coding));
        announce(seq, coding, null, range(coding));
        return view(coding, Map.of(grant.userId(), grant.username()));
    }

    /** Removes a master-layer coding (undoing an adjudication); false when it is already gone. */
    public boolean removeFromMaster(long projectId, long codingId) {
        Grant grant = access.require(projectId, Permission.ADJUDICATE);
        Coding coding = Coding.findById(codingId);
        if (coding == null || coding.projectId != projectId) {
            return false;
        }
        if (coding.layer != CodingLayer.MASTER) {
            throw ProblemException.badRequest("Coding " + codingId + " is not in the master layer.");
        }
        Map<String, Object> before = snapshot(coding);
        Memo.delete("targetType = ?1 and targetId = ?2", Memo.Target.CODING, codingId);
        coding.delete();
        long seq = audit.record(projectId, grant.username(), "coding.master.removed", "CODING", codingId, before, null);
        announce(seq, coding, range(coding), null);
        return true;
    }

    /** A coding the caller may see, else 404 (a hidden layer is not revealed). */
    static Coding visible(Grant grant, long codingId) {
        Coding coding = Coding.findById(codingId);
        if (coding == null || coding.projectId != grant.projectId() || !LayerVisibility.mayView(grant, coding)) {
            throw ProblemException.notFound("There is no coding " + codingId + " in this project that you can see.");
        }
        return coding;
    }

    private static Coding ownCoding(Grant grant, long codingId) {
        Coding coding = visible(grant, codingId);
        if (coding.coderId != grant.userId() || coding.layer != CodingLayer.CODER) {
            throw ProblemException.forbidden("Only the coder who made a coding can change or remove it.");
        }
        return coding;
    }

    private static CodingView view(Coding c, Map<Long, String> usernames) {
        return new CodingView(c.id, c.documentId, c.codeId, usernames.get(c.coderId), c.layer, c.startOffset, c.endOffset,
                c.createdAt, c.updatedAt, c.version);
    }

    /** Tells the search index which segment to index again (see {@link ChangeFeed}), and open viewers (after commit). */
    private void announce(long seq, Coding coding, Range before, Range after) {
        changes.publish(seq, CodingsChanged.of(coding.projectId, coding.documentId, coding.id, before, after));
        live.fire(LiveNotice.codings(coding.projectId, coding.documentId, coding.layer, coding.coderId, seq));
    }

    private static Range range(Coding c) {
        return new Range(c.startOffset, c.endOffset);
    }

    private static Map<String, Object> snapshot(Coding c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentId", c.documentId);
        m.put("codeId", c.codeId);
        m.put("coderId", c.coderId);
        m.put("layer", c.layer);
        m.put("start", c.startOffset);
        m.put("end", c.endOffset);
        return m;
    }

}
