package app.margin.identity;

import app.margin.identity.oidc.OidcSignIn;
import app.margin.identity.session.BrowserSessions;
import app.margin.identity.session.SessionCookie;
import io.quarkus.security.identity.SecurityIdentity;
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
    private final SecurityIdentity identity;

    SessionResource(BrowserSessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    /** Where the page goes next: the identity provider's sign-out, for a session that came from there. */
    public record SignedOut(String next) {
    }

    /**
     * Ends the session the cookie names, on the server: the cookie is worthless from now on, also where it was
     * copied. Allowed without a live session, so that a browser whose session already ended still forgets its
     * cookie; with HTTP Basic there is no session, and nothing to do. A browser signed in through the identity
     * provider gets 200 with {@code next}: the address that ends the session there too (RP-initiated logout), which
     * the page opens; it comes back to the sign-in page.
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
        if (OidcSignIn.isBrowserSession(identity)) {
            return Response.ok(new SignedOut(OidcSignIn.SIGN_OUT_PATH)).build();
        }
        return Response.noContent().build();
    }
}
