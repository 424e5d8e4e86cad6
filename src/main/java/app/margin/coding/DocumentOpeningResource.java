package app.margin.coding;

import app.margin.problem.Params;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/projects/{pid}/documents/{did}/view")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class DocumentOpeningResource {
    private final DocumentOpening opening;

    DocumentOpeningResource(DocumentOpening opening) {
        this.opening = opening;
    }

    @GET
    @Operation(summary = "Open a document: its text, units and the codings of one layer the caller may see, in one request",
            description = "{document, codings}: document as GET …/documents/{did}, codings as GET …/codings?documentId="
                    + "{did} with the same layer and coder parameters. The answer has a strong ETag; send it back as "
                    + "If-None-Match and an unchanged answer is 304 without a body. Any change in the project "
                    + "(codings, rounds, roles, metadata) gives a new tag.")
    @APIResponse(responseCode = "200", description = "The document and its codings",
            content = @Content(schema = @Schema(implementation = DocumentOpening.OpenedDocument.class)))
    @APIResponse(responseCode = "304", description = "The copy named by If-None-Match is still the answer")
    public Response open(@PathParam("pid") long pid, @PathParam("did") long did,
            @QueryParam("layer") String layer, @QueryParam("coder") String coder,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        DocumentOpening.Answer answer = opening.open(pid, did, Params.enumOrNull(CodingLayer.class, layer, "layer"),
                coder, ifNoneMatch);
        Response.ResponseBuilder response = answer.notModified() ? Response.notModified()
                : Response.ok(answer.opened());
        return response.header(HttpHeaders.ETAG, answer.etag()).build();
    }
}
