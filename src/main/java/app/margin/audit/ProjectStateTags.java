package app.margin.audit;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The current {@link ProjectStateTag} of a project-wide read (the project home's documents, codebook and coding
 * counts) for the caller: their READ grant (404 / 403 as every read) and the chain head, two one-row reads, so an
 * unchanged answer can be a 304 instead of a count over 300,000 codings.
 */
@ApplicationScoped
public class ProjectStateTags {
    private final ProjectAccess access;
    private final AuditLog audit;

    ProjectStateTags(ProjectAccess access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String current(long projectId, String... parts) {
        return ProjectStateTag.of(access.require(projectId, Permission.READ), audit.head(projectId), parts);
    }
}
