package app.margin.agreement.rounds;

import app.margin.project.ProjectDataOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Removes a deleted project's agreement rounds and adjudications first, since they point at its documents, codes and
 * codings (a round's documents, coders and codes go with it by foreign-key cascade).
 */
@ApplicationScoped
class RoundRemoval implements ProjectDataOwner {
    private final EntityManager em;

    RoundRemoval(EntityManager em) {
        this.em = em;
    }

    @Override
    public Part part() {
        return Part.AGREEMENT;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeProjectData(long projectId) {
        em.createNativeQuery("delete from adjudication where project_id = ?1").setParameter(1, projectId)
                .executeUpdate();
        em.createNativeQuery("delete from agreement_round where project_id = ?1").setParameter(1, projectId)
                .executeUpdate();
    }
}
