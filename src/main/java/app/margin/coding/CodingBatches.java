package app.margin.coding;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange;
import app.margin.change.IndexChange.CodingChange;
import app.margin.change.IndexChange.CodingsChanged;
import app.margin.codebook.CodebookService;
import app.margin.corpus.Document;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import app.margin.problem.SqlFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many codings made in one go (auto-coding from search hits) as one audited action that can be undone as a whole.
 * The batch ({@link CodingBatch}) is identified by the sequence number of its audit event.
 */
@ApplicationScoped
@Transactional
public class CodingBatches {
    public static final String ADDED = "coding.batch-added";
    public static final String UNDONE = "coding.batch-undone";
    /** A larger batch is refused: a narrower query is almost always what was meant. */
    public static final int MAX_BATCH = 5_000;
    /** A batch that keeps losing races to identical codings made at the same time gives up after this many tries. */
    private static final int RACE_ATTEMPTS = 3;

    private final ProjectAccess access;
    private final AuditLog audit;
    private final ChangeFeed changes;

    private final Event<LiveNotice> live;

    CodingBatches(ProjectAccess access, AuditLog audit, ChangeFeed changes, Event<LiveNotice> live) {
        this.live = live;
        this.changes = changes;
        this.access = access;
        this.audit = audit;
    }

    public record Range(long documentId, int start, int end) {
    }

    /** How many new codings a batch would make: ranges the caller has not already coded with this code. */
    public record Plan(int segments, int alreadyCoded, int documents) {
    }

    /**
     * What a batch made: {@code batchId} (null when nothing was new, so there is nothing to undo), the codings created,
     * the hits skipped because an identical coding already exists in the caller's layer, and the documents touched.
     */
    public record BatchResult(Long batchId, int created, int alreadyCoded, int documents) {
    }

    public record UndoResult(long batchId, int removed, int alreadyGone) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Plan plan(long projectId, long codeId, List<Range> ranges) {
        Grant grant = access.require(projectId, Permission.CODE);
        CodebookService.referenced(projectId, codeId, "codeId");
        List<Range> fresh = fresh(grant, codeId, ranges);
        return new Plan(fresh.size(), ranges.size() - fresh.size(), documents(fresh).size());
    }

    /**
     * Codes every range not yet coded identically in the caller's layer; ranges that are are skipped and counted, so
     * applying the same batch twice creates nothing the second time. When a concurrent batch (or single coding)
     * inserts one of the same codings first, the database refuses this batch's insert; it is then worked out again in
     * a new transaction, which skips what the other made.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public BatchResult add(long projectId, long codeId, List<Range> ranges, String description) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> addOnce(projectId, codeId, ranges, description));
            } catch (PersistenceException e) {
                if (!SqlFailures.isUniqueViolation(e, IdenticalCodings.INDEX)) {
                    throw e;
                }
                if (attempt == RACE_ATTEMPTS) {
                    throw ProblemException.conflict("Others were coding the same passages with this code at the same "
                            + "moment, so nothing was coded. Apply the code again.");
                }
            }
        }
    }

    private BatchResult addOnce(long projectId, long codeId, List<Range> ranges, String description) {
        Grant grant = access.require(projectId, Permission.CODE);
        CodebookService.referenced(projectId, codeId, "codeId");
        List<Range> fresh = fresh(grant, codeId, ranges);
        int alreadyCoded = ranges.size() - fresh.size();
        if (fresh.isEmpty()) {
            return new BatchResult(null, 0, alreadyCoded, 0);
        }
        if (fresh.size() > MAX_BATCH) {
            throw ProblemException.badRequest("This would create " + fresh.size() + " codings; at most " + MAX_BATCH
                    + " are made in one go. Narrow the query.");
        }
        requireDocumentsOf(projectId, documents(fresh));
        List<CodingChange> coded = new ArrayList<>();
        Instant now = Instant.now();
        CodingBatch batch = new CodingBatch();
        batch.projectId = projectId;
        batch.coderId = grant.userId();
        batch.codeId = codeId;
        batch.created = fresh.size();
        batch.createdAt = now;
        batch.persist();
        List<Long> ids = new ArrayList<>();
        for (Range r : fresh) {
            Coding coding = new Coding();
            coding.projectId = projectId;
            coding.documentId = r.documentId();
            coding.codeId = codeId;
            coding.coderId = grant.userId();
            coding.layer = CodingLayer.CODER;
            coding.startOffset = r.start();
            coding.endOffset = r.end();
            coding.createdAt = now;
            coding.updatedAt = now;
            coding.batchId = batch.id;
            coding.persist(); // identity ids: inserted now, so a concurrent identical coding fails here, not at commit
            ids.add(coding.id);
            coded.add(new CodingChange(coding.documentId, coding.id, null, new IndexChange.Range(r.start(), r.end())));
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("codeId", codeId);
        after.put("description", description);
        after.put("documentIds", documents(fresh));
        after.put("codingIds", ids);
        batch.auditSeq = audit.record(projectId, grant.username(), ADDED, "CODING", null, null, after);
        changes.publish(batch.auditSeq, new CodingsChanged(projectId, coded));
        documents(fresh).forEach(d -> live.fire(LiveNotice.codings(projectId, d, CodingLayer.CODER, grant.userId(),
                batch.auditSeq)));
        return new BatchResult(batch.auditSeq, ids.size(), alreadyCoded, documents(fresh).size());
    }

    /** Every document named must be in the project: one query for all of them. */
    private static void requireDocumentsOf(long projectId, List<Long> documentIds) {
        List<Long> found = Document.getEntityManager().createQuery("select d.id from Document d where d.projectId = "
                + ":p and d.id in :ids", Long.class).setParameter("p", projectId).setParameter("ids", documentIds)
                .getResultList();
        for (long documentId : documentIds) {
            if (!found.contains(documentId)) {
                throw ProblemException.badRequest("There is no document " + documentId + " in this project.");
            }
        }
    }

    /**
     * Removes the codings a batch made that still exist, and their memos; only the coder who made the batch may undo
     * it. The batch's codings are found by their batch id: one statement reads them, one removes their memos and one
     * removes them, however large the batch.
     */
    public UndoResult undo(long projectId, long batchId) {
        Grant grant = access.require(projectId, Permission.CODE);
        audit.serialise(projectId); // two undos of one batch at once: the second waits here, then sees the first
        CodingBatch batch = CodingBatch.find("projectId = ?1 and auditSeq = ?2", projectId, batchId).firstResult();
        if (batch == null) {
            throw ProblemException.notFound("There is no batch of codings " + batchId + " in this project.");
        }
        if (batch.coderId != grant.userId()) {
            String maker = AppUser.usernamesById(List.of(batch.coderId)).getOrDefault(batch.coderId, "the coder");
            throw ProblemException.forbidden("Only " + maker + ", who made this batch, can undo it.");
        }
        if (batch.undoneAt != null) {
            throw ProblemException.conflict("This batch has already been undone.");
        }
        List<Object[]> codings = Coding.getEntityManager().createQuery("select c.id, c.documentId, c.startOffset, "
                + "c.endOffset from Coding c where c.batchId = :b order by c.id", Object[].class)
                .setParameter("b", batch.id).getResultList();
        Memo.delete("targetType = ?1 and targetId in (select c.id from Coding c where c.batchId = ?2)",
                Memo.Target.CODING, batch.id);
        Coding.delete("batchId", batch.id);
        batch.undoneAt = Instant.now();
        List<CodingChange> uncoded = codings.stream().map(row -> new CodingChange((Long) row[1], (Long) row[0],
                new IndexChange.Range((Integer) row[2], (Integer) row[3]), null)).toList();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("codeId", batch.codeId);
        before.put("documentIds", codings.stream().map(row -> (Long) row[1]).distinct().toList());
        before.put("codingIds", codings.stream().map(row -> (Long) row[0]).toList());
        long seq = audit.record(projectId, grant.username(), UNDONE, "CODING_BATCH", batchId, before, null);
        changes.publish(seq, new CodingsChanged(projectId, uncoded));
        uncoded.stream().map(CodingChange::documentId).distinct().forEach(d -> live.fire(LiveNotice.codings(projectId, d,
                CodingLayer.CODER, batch.coderId, seq)));
        return new UndoResult(batchId, codings.size(), Math.max(0, batch.created - codings.size()));
    }

    private static List<Range> fresh(Grant grant, long codeId, List<Range> ranges) {
        Set<String> existing = new HashSet<>();
        List<Long> documents = documents(ranges);
        if (!documents.isEmpty()) { // one query for all documents (was one per document)
            Coding.<Coding>list("documentId in ?1 and codeId = ?2 and coderId = ?3 and layer = ?4", documents, codeId,
                    grant.userId(), CodingLayer.CODER).forEach(c -> existing.add(key(c.documentId, c.startOffset, c.endOffset)));
        }
        List<Range> fresh = new ArrayList<>();
        for (Range r : new LinkedHashSet<>(ranges)) {
            if (existing.add(key(r.documentId(), r.start(), r.end()))) {
                fresh.add(r);
            }
        }
        return fresh;
    }

    private static String key(long documentId, int start, int end) {
        return documentId + ":" + start + ":" + end;
    }

    private static List<Long> documents(List<Range> ranges) {
        return ranges.stream().map(Range::documentId).distinct().toList();
    }
}
