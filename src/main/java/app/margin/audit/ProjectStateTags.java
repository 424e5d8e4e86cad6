package app.margin.audit;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

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

    /**
     * A project-wide read answered with its tag: a 304 without computing {@code body} when {@code If-None-Match}
     * names the current tag. The tag is taken before the body, so a change committed in between gives the next
     * request a new tag (never an old answer under a new tag).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Response answer(long projectId, String ifNoneMatch, Supplier<?> body, String... parts) {
        String etag = current(projectId, parts);
        if (ProjectStateTag.matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(body.get()).header(HttpHeaders.ETAG, etag).build();
    }
}
