package app.margin.coding;

import app.margin.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps what a removal took away, so that the person who removed a coding or a memo can put it back (the browser
 * offers Undo for a few seconds; the API for {@link #RESTORABLE}). Records older than that are cleared at the next
 * removal in the project, so memo text does not stay in this table after its memo is gone. Runs inside the removing or
 * restoring service's transaction.
 */
final class RemovalRecords {
    /** How long after a removal it can be put back. */
    static final Duration RESTORABLE = Duration.ofHours(1);

    private RemovalRecords() {
    }

    /** Records a coding about to be removed with the memos written on it. */
    static void ofCoding(Coding coding, long removedBy, List<Memo> memos) {
        Removal removal = start(coding.projectId, removedBy);
        removal.codingId = coding.id;
        removal.documentId = coding.documentId;
        removal.codeId = coding.codeId;
        removal.coderId = coding.coderId;
        removal.layer = coding.layer;
        removal.startOffset = coding.startOffset;
        removal.endOffset = coding.endOffset;
        removal.persist();
        memos.forEach(memo -> RemovedMemo.of(removal.id, memo).persist());
    }

    /** Records a memo about to be removed on its own. */
    static void ofMemo(Memo memo, long removedBy) {
        Removal removal = start(memo.projectId, removedBy);
        removal.persist();
        RemovedMemo.of(removal.id, memo).persist();
    }

    private static Removal start(long projectId, long removedBy) {
        Instant now = Instant.now();
        Removal.delete("projectId = ?1 and removedAt < ?2", projectId, now.minus(RESTORABLE)); // its memos cascade
        Removal removal = new Removal();
        removal.projectId = projectId;
        removal.removedBy = removedBy;
        removal.removedAt = now;
        return removal;
    }

    /** The caller's latest removal of this coding that can still be put back, else 404. */
    static Removal ofRemovedCoding(long projectId, long codingId, long userId) {
        Removal removal = Removal.<Removal>find("projectId = ?1 and codingId = ?2 and removedBy = ?3 and restoredAt is null "
                + "and removedAt >= ?4 order by removedAt desc, id desc", projectId, codingId, userId, oldest()).firstResult();
        if (removal == null) {
            throw ProblemException.notFound("There is no coding " + codingId + " that you removed in the last hour and "
                    + "that can be put back.");
        }
        return removal;
    }

    /** The caller's latest removal of this memo on its own that can still be put back, else 404. */
    static RemovedMemo ofRemovedMemo(long projectId, long memoId, long userId) {
        List<RemovedMemo> kept = RemovedMemo.getEntityManager().createQuery("select m from RemovedMemo m, Removal r "
                        + "where m.removalId = r.id and r.projectId = :p and r.codingId is null and m.memoId = :m "
                        + "and r.removedBy = :u and r.restoredAt is null and r.removedAt >= :t order by r.id desc",
                        RemovedMemo.class).setParameter("p", projectId).setParameter("m", memoId)
                .setParameter("u", userId).setParameter("t", oldest()).setMaxResults(1).getResultList();
        if (kept.isEmpty()) {
            throw ProblemException.notFound("There is no memo " + memoId + " that you removed in the last hour and "
                    + "that can be put back.");
        }
        return kept.getFirst();
    }

    static List<RemovedMemo> memosOf(Removal removal) {
        return RemovedMemo.list("removalId = ?1 order by id", removal.id);
    }

    static void restored(long removalId) {
        Removal.update("restoredAt = ?1 where id = ?2", Instant.now(), removalId);
    }

    private static Instant oldest() {
        return Instant.now().minus(RESTORABLE);
    }
}
