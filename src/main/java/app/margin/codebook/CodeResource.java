package app.margin.codebook;

import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodeDtos.CreateCodeRequest;
import app.margin.codebook.CodeDtos.MergeCodeRequest;
import app.margin.codebook.CodeDtos.MergeResult;
import app.margin.codebook.CodeDtos.MoveCodeRequest;
import app.margin.codebook.CodeDtos.UpdateCodeRequest;
import app.margin.codebook.CodebookService.CodingsOnDelete;
import app.margin.audit.ProjectStateTags;
import app.margin.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}/codes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Codebook")
public class CodeResource {
    private final CodebookService codebook;
    private final ProjectStateTags tags;

    CodeResource(CodebookService codebook, ProjectStateTags tags) {
        this.codebook = codebook;
        this.tags = tags;
    }

    @GET
    @Operation(summary = "The codebook, parents before their sub-codes, with coding counts",
            description = "With an ETag: send it as If-None-Match and an unchanged codebook (and counts) is 304.")
    @APIResponse(responseCode = "200", description = "The codes",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CodeView.class)))
    public Response list(@PathParam("pid") long pid, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        // the counts are over every coding of the project: a 304 spares the viewer and the home page that count
        return tags.answer(pid, ifNoneMatch, () -> codebook.list(pid), "codes-1");
    }

    @POST
    @Operation(summary = "Add a code (SUPERVISOR, OWNER)")
    public Response create(@PathParam("pid") long pid, @Valid @NotNull CreateCodeRequest request) {
        CodeView created = codebook.create(pid, request);
        return Response.created(URI.create("/api/v1/projects/" + pid + "/codes/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{cid}")
    public CodeView get(@PathParam("pid") long pid, @PathParam("cid") long cid) {
        return codebook.get(pid, cid);
    }

    @PUT
    @Path("/{cid}")
    @Operation(summary = "Change a code's name, definition, criteria, example or colour; send the version you loaded")
    public CodeView update(@PathParam("pid") long pid, @PathParam("cid") long cid,
            @Valid @NotNull UpdateCodeRequest request) {
        return codebook.update(pid, cid, request);
    }

    @POST
    @Path("/{cid}/move")
    @Operation(summary = "Move a code under another parent (parentId null: top level)")
    public CodeView move(@PathParam("pid") long pid, @PathParam("cid") long cid, @Valid @NotNull MoveCodeRequest request) {
        return codebook.move(pid, cid, request.parentId(), request.version());
    }

    @POST
    @Path("/{cid}/merge")
    @Operation(summary = "Merge this code into another: its codings, sub-codes and memos follow, then it is deleted")
    public MergeResult merge(@PathParam("pid") long pid, @PathParam("cid") long cid,
            @Valid @NotNull MergeCodeRequest request) {
        return codebook.merge(pid, cid, request.intoCodeId());
    }

    @DELETE
    @Path("/{cid}")
    @Operation(summary = "Delete a code without sub-codes. codings=refuse (default) refuses while codings use it "
            + "(409 with the count in `codings`); codings=delete deletes them, and the memos on them, too")
    public Response delete(@PathParam("pid") long pid, @PathParam("cid") long cid,
            @QueryParam("codings") @DefaultValue("refuse") String codings) {
        codebook.delete(pid, cid, rule(codings));
        return Response.noContent().build();
    }

    private static CodingsOnDelete rule(String codings) {
        return switch (codings.toLowerCase()) {
            case "refuse" -> CodingsOnDelete.REFUSE;
            case "delete" -> CodingsOnDelete.DELETE;
            default -> throw ProblemException.badRequest("codings= is either refuse (the default: keep the code while "
                    + "codings use it) or delete (delete its codings with it).");
        };
    }
}
