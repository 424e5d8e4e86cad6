package app.margin.identity;

import app.margin.identity.session.BrowserSessions;
import app.margin.identity.session.SessionCookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ends a browser session (the form sign-in itself is POST /j_security_check with j_username, j_password). */
@Path("/api/v1/session")
@Tag(name = "Accounts")
public class SessionResource {
    private final BrowserSessions sessions;

    SessionResource(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Ends the session the cookie names, on the server: the cookie is worthless from now on, also where it was
     * copied. Allowed without a live session, so that a browser whose session already ended still forgets its
     * cookie; with HTTP Basic there is no session, and nothing to do.
     */
    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "Sign out of the browser session")
    public Response logout(@CookieParam(SessionCookie.NAME) String token, @Context HttpServerRequest request,
            @Context HttpServerResponse response) {
        if (token != null && !token.isBlank()) {
            sessions.close(token);
            SessionCookie.clear(request, response);
        }
        return Response.noContent().build();
    }
}
