package app.margin.audit;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
    private final AuditService audit;

    AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Audit events of a project, oldest first (SUPERVISOR, OWNER)")
    public List<AuditService.AuditEventView> list(@PathParam("pid") long pid,
            @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("200") int limit) {
        return audit.list(pid, after, limit);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Check the audit log's hash chain")
    public AuditService.Verification verify(@PathParam("pid") long pid) {
        return audit.verify(pid);
    }
}
