package app.margin.coding;

import app.margin.codebook.VisibleCodingCounts;
import app.margin.coding.VisibilityCondition.Columns;
import app.margin.identity.ProjectAccess.Grant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;

/** The codebook's per-code counts of the codings a caller sees, with the one visibility condition. */
@ApplicationScoped
class CodingCounts implements VisibleCodingCounts {
    private final EntityManager em;

    CodingCounts(EntityManager em) {
        this.em = em;
    }

    /**
     * Grouped by project and code, the order of the index ix_coding_project_code, so the database counts along the
     * index ("group sorted") rather than finding each coding's group in a tree (JFR of ProjectHomeBenchmark).
     */
    @Override
    public Map<Long, Long> perCode(Grant grant) {
        VisibilityCondition visible = VisibilityCondition.of(LayerVisibility.of(grant), Columns.of("c"));
        Map<Long, Long> counts = new HashMap<>();
        visible.bind(em.createQuery("select c.codeId, count(c) from Coding c where c.projectId = :project"
                        + (visible.restricts() ? " and " + visible.where() : "") + " group by c.projectId, c.codeId", Object[].class))
                .setParameter("project", grant.projectId()).getResultList()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }
}
