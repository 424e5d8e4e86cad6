package app.margin.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ends a browser session (the form sign-in itself is POST /j_security_check with j_username, j_password). */
@Path("/api/v1/session")
@Tag(name = "Accounts")
public class SessionResource {
    private final SecurityIdentity identity;

    SessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Sign out of the browser session")
    public Response logout(@CookieParam(BrowserRequestGuard.SESSION_COOKIE) String session) {
        // Only a form sign-in has a session to end; Quarkus' logout fails (NullPointerException) for HTTP Basic.
        if (session != null) {
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.noContent().build();
    }
}
