package app.margin.identity.token;

import app.margin.identity.token.ApiTokens.CreatedToken;
import app.margin.identity.token.ApiTokens.TokenView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens")
public class ApiTokenResource {
    private final ApiTokens tokens;

    ApiTokenResource(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("/me/tokens")
    @Operation(summary = "One's own API tokens (never their secrets); not with an API token")
    public List<TokenView> mine() {
        return tokens.mine();
    }

    @POST
    @Path("/me/tokens")
    @Operation(summary = "Create an API token; the answer's 'token' is shown this once. Not with an API token")
    public Response create(CreateTokenRequest request) {
        CreateTokenRequest body = request == null ? new CreateTokenRequest(null, null, null) : request;
        CreatedToken created = tokens.createForCaller(body.name(), body.expiresOn(), body.expiresInDays());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("/me/tokens/{id}")
    @Operation(summary = "Revoke one of one's own API tokens; not with an API token")
    public Response revoke(@PathParam("id") long id) {
        tokens.revokeMine(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/users/{username}/tokens")
    @Operation(summary = "An account's API tokens (administrators)")
    public List<TokenView> ofUser(@PathParam("username") String username) {
        return tokens.ofUser(username);
    }

    @DELETE
    @Path("/users/{username}/tokens/{id}")
    @Operation(summary = "Revoke an account's API token (administrators)")
    public Response revokeOfUser(@PathParam("username") String username, @PathParam("id") long id) {
        tokens.revokeOfUser(username, id);
        return Response.noContent().build();
    }

    /** {@code expiresOn}: the last day (UTC) the token works; or {@code expiresInDays}; neither: it does not expire. */
    public record CreateTokenRequest(String name, LocalDate expiresOn, Integer expiresInDays) {
    }
}
