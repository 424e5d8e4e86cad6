package app.margin.corpus;

import app.margin.project.ProjectDataOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Removes a deleted project's documents (their units and attributes go by foreign-key cascade) and cases, after
 * everything that points at documents.
 */
@ApplicationScoped
class CorpusRemoval implements ProjectDataOwner {
    private final EntityManager em;

    CorpusRemoval(EntityManager em) {
        this.em = em;
    }

    @Override
    public Part part() {
        return Part.CORPUS;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeProjectData(long projectId) {
        em.createNativeQuery("delete from document where project_id = ?1").setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("delete from research_case where project_id = ?1").setParameter(1, projectId)
                .executeUpdate();
    }
}
