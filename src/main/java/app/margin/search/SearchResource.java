package app.margin.search;

import app.margin.problem.Params;
import app.margin.search.SearchDtos.HitUnit;
import app.margin.search.SearchDtos.RebuildResult;
import app.margin.search.SearchDtos.Scope;
import app.margin.search.SearchDtos.SearchResult;
import app.margin.coding.CodingBatches.Plan;
import app.margin.coding.CodingBatches.BatchResult;
import app.margin.search.AutoCoding.AutoCodeRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {
    private final SearchService search;
    private final IndexAdmin admin;
    private final AutoCoding autoCoding;

    SearchResource(SearchService search, IndexAdmin admin, AutoCoding autoCoding) {
        this.search = search;
        this.admin = admin;
        this.autoCoding = autoCoding;
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search the text with Margin's query language; keyword-in-context hits with counts per document and code")
    public SearchResult search(@PathParam("pid") long pid, @QueryParam("q") String q,
            @QueryParam("scope") String scope, @QueryParam("code") String code, @QueryParam("unit") String unit,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("pageSize") @DefaultValue("20") int pageSize) {
        return search.search(pid, q, Params.enumOrNull(Scope.class, scope, "scope"),
                code, orTurn(Params.enumOrNull(HitUnit.class, unit, "unit")), page, pageSize);
    }

    @POST
    @Path("/search/index/rebuild")
    @Operation(summary = "Rebuild the project's search index from the database (SUPERVISOR, OWNER)")
    public RebuildResult rebuild(@PathParam("pid") long pid) {
        return admin.rebuild(pid);
    }

    @POST
    @Path("/search/autocode/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many segments auto-coding these hits would create in the caller's layer")
    public Plan previewAutoCode(@PathParam("pid") long pid, @NotNull AutoCodeRequest request) {
        return autoCoding.preview(pid, request);
    }

    @POST
    @Path("/search/autocode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Code every hit with one code in the caller's layer; one audited batch, undone with POST "
            + "/codings/batches/{batchId}/undo. Hits already coded identically are skipped (alreadyCoded): 201 with "
            + "the batch, or 200 with batchId null when every hit was already coded")
    public Response autoCode(@PathParam("pid") long pid, @NotNull AutoCodeRequest request) {
        BatchResult result = autoCoding.apply(pid, request);
        return Response.status(result.batchId() == null ? Response.Status.OK : Response.Status.CREATED).entity(result)
                .build();
    }

    private static HitUnit orTurn(HitUnit unit) {
        return unit == null ? HitUnit.TURN : unit;
    }
}
