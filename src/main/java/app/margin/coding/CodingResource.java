package app.margin.coding;

import app.margin.coding.CodingDtos.SegmentView;
import app.margin.coding.CodingDtos.CodingView;
import app.margin.coding.CodingDtos.CreateCodingRequest;
import app.margin.coding.CodingDtos.CreateMemoRequest;
import app.margin.coding.CodingDtos.MemoView;
import app.margin.coding.CodingDtos.UpdateCodingRequest;
import app.margin.coding.CodingDtos.UpdateMemoRequest;
import app.margin.audit.ProjectStateTags;
import app.margin.problem.Params;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Codings and memos")
public class CodingResource {
    private final CodingService codings;
    private final MemoService memos;
    private final CodingBatches batches;
    private final ProjectStateTags tags;

    CodingResource(CodingService codings, MemoService memos, CodingBatches batches, ProjectStateTags tags) {
        this.tags = tags;
        this.batches = batches;
        this.codings = codings;
        this.memos = memos;
    }

    @GET
    @Path("/codings")
    @Operation(summary = "Codings the caller may see (own layer and master; SUPERVISOR and OWNER: every layer)",
            description = "In document order (document, start, end, id). Without limit: all of them. With limit (1 to "
                    + CodingService.MAX_PAGE + "): one page; when there are more, a Link header rel=\"next\" gives the "
                    + "next page's URL, whose after parameter says where it starts (keyset paging).")
    @APIResponse(responseCode = "200", description = "The codings (a page of them with limit)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CodingView.class)))
    public Response list(@PathParam("pid") long pid, @QueryParam("documentId") Long documentId,
            @QueryParam("codeId") Long codeId, @QueryParam("coder") String coder,
            @QueryParam("layer") String layer, @QueryParam("limit") Integer limit, @QueryParam("after") String after,
            @Context UriInfo uri) {
        CodingLayer inLayer = Params.enumOrNull(CodingLayer.class, layer, "layer");
        if (limit == null && after == null) {
            return Response.ok(codings.list(pid, documentId, codeId, coder, inLayer)).build();
        }
        CodingService.Page page = codings.page(pid, documentId, codeId, coder, inLayer,
                limit == null ? CodingService.MAX_PAGE : limit, after);
        Response.ResponseBuilder answer = Response.ok(page.codings());
        if (page.next() != null) {
            answer.link(uri.getRequestUriBuilder().replaceQueryParam("after", page.next()).build(), "next");
        }
        return answer.build();
    }

    @GET
    @Path("/codings/counts")
    @Operation(summary = "How many codings the caller may see, per document, coder and layer",
            description = "[{documentId, coder, layer, codings}]: the project home's counts, without downloading the "
                    + "codings. The same visibility as GET …/codings.")
    @APIResponse(responseCode = "200", description = "The counts, with an ETag; 304 when If-None-Match names it",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CodingService.CodingCount.class)))
    public Response counts(@PathParam("pid") long pid,
            @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return tags.answer(pid, ifNoneMatch, () -> codings.counts(pid), "coding-counts-1");
    }

    @GET
    @Path("/codings/layers")
    @Operation(summary = "The coding layers the caller may open on one document",
            description = "{documentId, every, master, coders:[username]}: every layer (SUPERVISOR, OWNER), or the "
                    + "master layer (false where an unrevealed blind round hides it) and the own layers of these "
                    + "coders — the caller's, and revealed round partners' on the round's documents. The viewer's "
                    + "layer menu; the same rule as GET …/codings.")
    public CodingDtos.DocumentLayers layers(@PathParam("pid") long pid,
            @QueryParam("documentId") @NotNull(message = "Say which document (documentId).") Long documentId) {
        return codings.layers(pid, documentId);
    }

    @POST
    @Path("/codings")
    @Operation(summary = "Apply a code to [start, end) of a document (UTF-16 offsets) in the caller's own layer")
    public Response add(@PathParam("pid") long pid, @Valid @NotNull CreateCodingRequest request) {
        CodingView created = codings.add(pid, request);
        return Response.created(URI.create("/api/v1/projects/" + pid + "/codings/" + created.id()))
                .entity(created).build();
    }

    @POST
    @Path("/codings/batches/{batchId}/undo")
    @Operation(summary = "Undo a batch of codings (e.g. auto-coding): removes those of its codings that still exist")
    public CodingBatches.UndoResult undoBatch(@PathParam("pid") long pid, @PathParam("batchId") long batchId) {
        return batches.undo(pid, batchId);
    }

    @GET
    @Path("/codes/{codeId}/segments")
    @Operation(summary = "The segments coded with one code that the caller may see, with context")
    public List<SegmentView> segments(@PathParam("pid") long pid, @PathParam("codeId") long codeId) {
        return codings.segments(pid, codeId);
    }

    @GET
    @Path("/codings/{cid}")
    public CodingView get(@PathParam("pid") long pid, @PathParam("cid") long cid) {
        return codings.get(pid, cid);
    }

    @PUT
    @Path("/codings/{cid}")
    @Operation(summary = "Change the range or code of one's own coding; send the version you loaded")
    public CodingView update(@PathParam("pid") long pid, @PathParam("cid") long cid,
            @Valid @NotNull UpdateCodingRequest request) {
        return codings.update(pid, cid, request);
    }

    @DELETE
    @Path("/codings/{cid}")
    @Operation(summary = "Remove one's own coding (and its memos)")
    public Response remove(@PathParam("pid") long pid, @PathParam("cid") long cid) {
        codings.remove(pid, cid);
        return Response.noContent().build();
    }

    @POST
    @Path("/codings/{cid}/restore")
    @Operation(summary = "Put back a coding one removed in the last hour, with its memos (Undo); 201 with the new coding")
    public Response restore(@PathParam("pid") long pid, @PathParam("cid") long cid) {
        return Response.status(Response.Status.CREATED).entity(codings.restore(pid, cid)).build();
    }

    @POST
    @Path("/memos/{mid}/restore")
    @Operation(summary = "Put back a memo one removed in the last hour (Undo); 201 with the new memo")
    public Response restoreMemo(@PathParam("pid") long pid, @PathParam("mid") long mid) {
        return Response.status(Response.Status.CREATED).entity(memos.restore(pid, mid)).build();
    }

    @GET
    @Path("/memos")
    @Operation(summary = "Memos, optionally of one target (targetType PROJECT, DOCUMENT, CODE, CODING and targetId)")
    public List<MemoView> memos(@PathParam("pid") long pid, @QueryParam("targetType") String targetType,
            @QueryParam("targetId") Long targetId) {
        return memos.list(pid, Params.enumOrNull(Memo.Target.class, targetType, "targetType"), targetId);
    }

    @POST
    @Path("/memos")
    @Operation(summary = "Write a memo on the project, a document, a code or a coding")
    public Response addMemo(@PathParam("pid") long pid, @Valid @NotNull CreateMemoRequest request) {
        return Response.status(Response.Status.CREATED).entity(memos.add(pid, request)).build();
    }

    @PUT
    @Path("/memos/{mid}")
    @Operation(summary = "Change one's own memo; send the version you loaded")
    public MemoView updateMemo(@PathParam("pid") long pid, @PathParam("mid") long mid,
            @Valid @NotNull UpdateMemoRequest request) {
        return memos.update(pid, mid, request);
    }

    @DELETE
    @Path("/memos/{mid}")
    public Response removeMemo(@PathParam("pid") long pid, @PathParam("mid") long mid) {
        memos.remove(pid, mid);
        return Response.noContent().build();
    }
}
