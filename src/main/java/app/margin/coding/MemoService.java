package app.margin.coding;

import app.margin.audit.AuditLog;
import app.margin.codebook.CodebookService;
import app.margin.coding.CodingDtos.CodingPlace;
import app.margin.coding.CodingDtos.CreateMemoRequest;
import app.margin.coding.CodingDtos.MemoView;
import app.margin.coding.CodingDtos.UpdateMemoRequest;
import app.margin.corpus.Document;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Memos on a project, a document, a code or a coding. Only their author edits them. */
@ApplicationScoped
@Transactional
public class MemoService {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final EntityManager em;
    private final Event<LiveNotice> live;

    MemoService(ProjectAccess access, AuditLog audit, EntityManager em, Event<LiveNotice> live) {
        this.live = live;
        this.access = access;
        this.audit = audit;
        this.em = em;
    }

    /** Memos, optionally of one target; memos on codings the caller cannot see are left out. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MemoView> list(long projectId, Memo.Target targetType, Long targetId) {
        Grant grant = access.require(projectId, Permission.READ);
        StringBuilder query = new StringBuilder("projectId = :p");
        Map<String, Object> params = new HashMap<>();
        params.put("p", projectId);
        if (targetType != null) {
            query.append(" and targetType = :t");
            params.put("t", targetType);
        }
        if (targetId != null) {
            query.append(" and targetId = :id");
            params.put("id", targetId);
        }
        List<Memo> memos = Memo.list(query + " order by createdAt, id", params);
        Map<Long, String> names = AppUser.usernamesById(memos.stream().map(m -> m.authorId).distinct().toList());
        Map<Long, CodingPlace> visibleCodings = visibleCodings(LayerVisibility.of(grant), memos);
        return memos.stream().filter(m -> m.targetType != Memo.Target.CODING || visibleCodings.containsKey(m.targetId))
                .map(m -> view(m, names, visibleCodings)).toList();
    }

    /** Codings per query when memos' codings are checked: well under PostgreSQL's limit of parameters. */
    private static final int CODINGS_PER_QUERY = 1_000;

    /**
     * Of the codings the memos are written on, those the caller may see: their layer, coder and document read with one
     * query per {@value #CODINGS_PER_QUERY} memos (it was one query per memo).
     */
    private static Map<Long, CodingPlace> visibleCodings(LayerVisibility visibility, List<Memo> memos) {
        List<Long> ids = memos.stream().filter(m -> m.targetType == Memo.Target.CODING).map(m -> m.targetId).distinct()
                .toList();
        Map<Long, CodingPlace> visible = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CODINGS_PER_QUERY) {
            Coding.getEntityManager().createQuery("select c.id, c.layer, c.coderId, c.documentId, c.codeId, "
                            + "c.startOffset, c.endOffset from Coding c where c.id in :ids", Object[].class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CODINGS_PER_QUERY)))
                    .getResultList().forEach(row -> {
                        if (visibility.mayView((CodingLayer) row[1], (Long) row[2], (Long) row[3])) {
                            visible.put((Long) row[0], new CodingPlace((Long) row[3], (Long) row[4], (Integer) row[5],
                                    (Integer) row[6]));
                        }
                    });
        }
        return visible;
    }

    public MemoView add(long projectId, CreateMemoRequest request) {
        Grant grant = access.require(projectId, Permission.CODE);
        long targetId = requireTarget(grant, request.targetType(), request.targetId());
        Memo memo = new Memo();
        memo.projectId = projectId;
        memo.targetType = request.targetType();
        memo.targetId = targetId;
        memo.authorId = grant.userId();
        memo.title = request.title();
        memo.body = request.body();
        memo.createdAt = Instant.now();
        memo.updatedAt = memo.createdAt;
        memo.persist();
        tell(memo, audit.record(projectId, grant.username(), "memo.added", "MEMO", memo.id, null, snapshot(memo)));
        return view(memo, Map.of(grant.userId(), grant.username()));
    }

    public MemoView update(long projectId, long memoId, UpdateMemoRequest request) {
        Grant grant = access.require(projectId, Permission.CODE);
        Memo memo = find(grant, memoId);
        if (memo.authorId != grant.userId()) {
            throw ProblemException.forbidden("Only the author of a memo can change it.");
        }
        if (memo.version != request.version()) {
            throw ProblemException.staleVersion("This memo");
        }
        Map<String, Object> before = snapshot(memo);
        memo.title = request.title();
        memo.body = request.body();
        memo.updatedAt = Instant.now();
        em.flush();
        tell(memo, audit.record(projectId, grant.username(), "memo.updated", "MEMO", memoId, before, snapshot(memo)));
        return view(memo, Map.of(grant.userId(), grant.username()));
    }

    public void remove(long projectId, long memoId) {
        Grant grant = access.require(projectId, Permission.READ);
        Memo memo = find(grant, memoId);
        boolean mayRemove = (memo.authorId == grant.userId() && grant.can(Permission.CODE))
                || grant.can(Permission.DELETE);
        if (!mayRemove) {
            throw ProblemException.forbidden("Only the author of a memo (or a project owner) can remove it.");
        }
        Map<String, Object> before = snapshot(memo);
        RemovalRecords.ofMemo(memo, grant.userId()); // so that Undo can put it back
        memo.delete();
        tell(memo, audit.record(projectId, grant.username(), "memo.removed", "MEMO", memoId, before, null));
    }

    /** Tells open viewers that may see the memo, after the commit. */
    private void tell(Memo memo, long seq) {
        LiveNotice notice = LiveNotice.memo(memo, seq);
        if (notice != null) {
            live.fire(notice);
        }
    }

    /**
     * Puts back a memo the caller removed in the last hour: its target, author, title, text and date, under a new id.
     * 404 when there is no such removal or its target is gone or hidden from the caller now.
     */
    public MemoView restore(long projectId, long removedMemoId) {
        Grant grant = access.require(projectId, Permission.CODE); // whoever may remove a memo may code
        audit.serialise(projectId); // two Undo clicks at once: the second waits here, then finds nothing to restore
        RemovedMemo kept = RemovalRecords.ofRemovedMemo(projectId, removedMemoId, grant.userId());
        if (!((kept.authorId == grant.userId() && grant.can(Permission.CODE)) || grant.can(Permission.DELETE))) {
            throw ProblemException.forbidden("Only the author of a memo (or a project owner) can put it back.");
        }
        long targetId;
        try {
            targetId = requireTarget(grant, kept.targetType, kept.targetId);
        } catch (ProblemException gone) {
            throw ProblemException.conflict("What this memo was written on has been removed since, so it cannot be put back.");
        }
        Memo memo = kept.revive(projectId, targetId, Instant.now());
        memo.persist();
        RemovalRecords.restored(kept.removalId);
        Map<String, Object> after = snapshot(memo);
        after.put("restoredFrom", removedMemoId);
        tell(memo, audit.record(projectId, grant.username(), "memo.restored", "MEMO", memo.id, null, after));
        return view(memo, AppUser.usernamesById(List.of(memo.authorId)));
    }

    private static Memo find(Grant grant, long memoId) {
        Memo memo = Memo.findById(memoId);
        if (memo == null || memo.projectId != grant.projectId() || !visibleTarget(LayerVisibility.of(grant), memo)) {
            throw ProblemException.notFound("There is no memo " + memoId + " in this project.");
        }
        return memo;
    }

    /** Checks that the target exists in the project (and, for a coding, that the caller sees it). */
    private static long requireTarget(Grant grant, Memo.Target type, Long targetId) {
        long projectId = grant.projectId();
        if (type == Memo.Target.PROJECT) {
            // another project's id is refused like any id that is not in this project, whether it exists or not
            if (targetId != null && targetId != projectId) {
                throw ProblemException.badRequest("A PROJECT memo is about the project it is written in (" + projectId
                        + "); there is no project " + targetId + " here (targetId). Leave targetId out.");
            }
            return projectId;
        }
        if (targetId == null) {
            throw ProblemException.badRequest("Say which " + type.name().toLowerCase() + " the memo is about (targetId).");
        }
        switch (type) {
            case DOCUMENT -> {
                Document doc = Document.findById(targetId);
                if (doc == null || doc.projectId != projectId) {
                    throw ProblemException.badRequest("There is no document " + targetId + " in this project (targetId).");
                }
            }
            case CODE -> CodebookService.referenced(projectId, targetId, "targetId");
            case CODING -> {
                Coding coding = Coding.findById(targetId);
                if (coding == null || coding.projectId != projectId || !LayerVisibility.mayView(grant, coding)) {
                    throw ProblemException.badRequest("There is no coding " + targetId + " in this project that you can see (targetId).");
                }
            }
            default -> throw new IllegalStateException("Unhandled memo target " + type);
        }
        return targetId;
    }

    private static boolean visibleTarget(LayerVisibility visibility, Memo memo) {
        if (memo.targetType != Memo.Target.CODING) {
            return true;
        }
        Coding coding = Coding.findById(memo.targetId);
        return coding != null && visibility.mayView(coding);
    }


    private static MemoView view(Memo m, Map<Long, String> usernames, Map<Long, CodingPlace> places) {
        return new MemoView(m.id, m.targetType, m.targetId, usernames.get(m.authorId), m.title, m.body, m.createdAt,
                m.updatedAt, m.version, m.targetType == Memo.Target.CODING ? places.get(m.targetId) : null);
    }

    /** One memo's view, with its coding's place read when it is written on one. */
    private static MemoView view(Memo m, Map<Long, String> usernames) {
        Map<Long, CodingPlace> places = new HashMap<>();
        if (m.targetType == Memo.Target.CODING) {
            Coding c = Coding.findById(m.targetId);
            if (c != null) {
                places.put(c.id, new CodingPlace(c.documentId, c.codeId, c.startOffset, c.endOffset));
            }
        }
        return view(m, usernames, places);
    }

    private static Map<String, Object> snapshot(Memo m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("targetType", m.targetType);
        s.put("targetId", m.targetId);
        s.put("title", m.title);
        s.put("body", m.body);
        return s;
    }

}
