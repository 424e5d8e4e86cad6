package app.margin.coding;

import app.margin.codebook.Code;
import app.margin.problem.ProblemException;
import app.margin.problem.SqlFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.Optional;

/**
 * The rule that a coding is unique per layer, coder, code, document and range {@code [start, end)}. The database
 * enforces it (unique index ux_coding_identical, migration V4), because only the database sees concurrent requests in
 * order; the services look first only so that the usual case gets its answer without a failed insert. A violation
 * surfaces where the row is written: at {@code persist} (identity ids insert at once) or at an explicit flush, which
 * is why every write of a coding goes through {@link #write}, inside the service, before its transaction commits.
 */
final class IdenticalCodings {
    static final String INDEX = "ux_coding_identical";

    private IdenticalCodings() {
    }

    /** An identical coding other than {@code exceptId} (null: any), if there is one. */
    static Optional<Coding> find(Coding like, Long exceptId) {
        return Coding.<Coding>find("documentId = ?1 and codeId = ?2 and coderId = ?3 and layer = ?4 "
                        + "and startOffset = ?5 and endOffset = ?6 and id <> ?7", like.documentId, like.codeId, like.coderId,
                like.layer, like.startOffset, like.endOffset, exceptId == null ? -1L : exceptId).firstResultOptional();
    }

    /** Refuses with 409 when an identical coding exists, naming it. */
    static void requireNone(Coding like, Long exceptId) {
        Optional<Coding> existing = find(like, exceptId);
        if (existing.isPresent()) {
            throw conflict(like.layer, codeName(like.codeId), existing.get().id);
        }
    }

    /**
     * Inserts (persist) or updates (flush) the coding now, so that a concurrent identical coding that won the race is
     * a 409 naming it rather than a failure at commit. The existing coding is looked up in a new transaction: this
     * one is spoilt by the failed statement (PostgreSQL accepts no further statement in it).
     */
    static void write(EntityManager em, Coding coding) {
        try {
            if (coding.id == null) {
                coding.persist();
            }
            em.flush();
        } catch (PersistenceException e) {
            if (!SqlFailures.isUniqueViolation(e, INDEX)) {
                throw e;
            }
            Long exceptId = coding.id;
            throw QuarkusTransaction.requiringNew().call(() -> conflict(coding.layer, codeName(coding.codeId),
                    find(coding, exceptId).map(c -> c.id).orElse(null)));
        }
    }

    /**
     * "You have already applied ‘Cost and debt’ to exactly this text (coding 41)." with the coding's id as
     * {@code existingCodingId}; existing is null only if the winner was removed again in between.
     */
    static ProblemException conflict(CodingLayer layer, String codeName, Long existing) {
        String which = existing == null ? "" : " (coding " + existing + ")";
        String detail = layer == CodingLayer.MASTER
                ? "The master layer already has " + codeName + " on exactly this text" + which + "."
                : "You have already applied " + codeName + " to exactly this text" + which + ".";
        ProblemException problem = ProblemException.conflict(detail);
        return existing == null ? problem : problem.with("existingCodingId", existing);
    }

    private static String codeName(long codeId) {
        Code code = Code.findById(codeId);
        return code == null ? "this code" : "‘" + code.name + "’";
    }
}
