package app.margin.codebook;

import app.margin.project.ProjectDataOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Removes a deleted project's code tree (after its codings, which point at codes). */
@ApplicationScoped
class CodebookRemoval implements ProjectDataOwner {
    private final EntityManager em;

    CodebookRemoval(EntityManager em) {
        this.em = em;
    }

    @Override
    public Part part() {
        return Part.CODEBOOK;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeProjectData(long projectId) {
        // parents first would break the parent reference; cut the tree, then remove it in one statement
        em.createNativeQuery("update code set parent_id = null where project_id = ?1").setParameter(1, projectId)
                .executeUpdate();
        em.createNativeQuery("delete from code where project_id = ?1").setParameter(1, projectId).executeUpdate();
    }
}
