package app.margin.coding;

import app.margin.codebook.CodeDependents;
import app.margin.corpus.DocumentDependents;
import app.margin.project.ProjectDataOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Removes codings and memos when what they point at goes: a project, a document or a code. Memos on a coding go
 * before the coding (a memo's target is a type and an id, not a foreign key, so nothing else would remove them).
 * One statement per kind of row rather than entity by entity: a project can hold 300,000 codings.
 */
@ApplicationScoped
class CodingRemoval implements ProjectDataOwner, DocumentDependents, CodeDependents {
    private final EntityManager em;

    CodingRemoval(EntityManager em) {
        this.em = em;
    }

    @Override
    public Part part() {
        return Part.CODING;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeProjectData(long projectId) {
        sql("delete from memo where project_id = ?1", projectId);
        sql("delete from coding where project_id = ?1", projectId);
        sql("delete from removal where project_id = ?1", projectId); // what Undo could put back (its memos cascade)
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public long removeForDocument(long projectId, long documentId) {
        sql("delete from memo where target_type = 'CODING' and target_id in "
                + "(select id from coding where document_id = ?1)", documentId);
        int codings = sql("delete from coding where document_id = ?1", documentId);
        sql("delete from memo where target_type = 'DOCUMENT' and target_id = ?1", documentId);
        return codings;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public long removeForCode(long projectId, long codeId) {
        sql("delete from memo where target_type = 'CODING' and target_id in "
                + "(select id from coding where code_id = ?1)", codeId);
        int codings = sql("delete from coding where code_id = ?1", codeId);
        sql("delete from memo where target_type = 'CODE' and target_id = ?1", codeId);
        return codings;
    }

    private int sql(String statement, long id) {
        return em.createNativeQuery(statement).setParameter(1, id).executeUpdate();
    }
}
