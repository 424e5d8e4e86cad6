package app.margin.search;

import app.margin.problem.Params;
import app.margin.search.SearchDtos.HitUnit;
import app.margin.search.SearchDtos.RebuildResult;
import app.margin.search.SearchDtos.Scope;
import app.margin.search.SearchDtos.SearchResult;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {
    private final SearchService search;
    private final IndexAdmin admin;

    SearchResource(SearchService search, IndexAdmin admin) {
        this.search = search;
        this.admin = admin;
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

    private static HitUnit orTurn(HitUnit unit) {
        return unit == null ? HitUnit.TURN : unit;
    }
}
