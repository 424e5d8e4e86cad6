package app.margin.identity.oidc;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The sign-in page's "Sign in with ..." button. Reaching this address needs the code flow (application.properties,
 * permission oidc-pages): the browser goes to the identity provider, signs in there, and comes back here with its
 * session, its Margin account already made or updated. It then goes to the project list, or back to the sign-in page
 * saying why the account cannot use Margin (disabled, or the token did not name the user), its session ended.
 */
@Path(OidcSignIn.SIGN_IN_PATH)
public class OidcSignInResource {
    private final SecurityIdentity identity;
    private final OidcSession session;

    OidcSignInResource(SecurityIdentity identity, OidcSession session) {
        this.identity = identity;
        this.session = session;
    }

    @GET
    @Authenticated
    @Operation(hidden = true) // a page for browsers, not an API operation
    public Response signIn() {
        Optional<String> refusal = OidcSignIn.refusal(identity);
        if (refusal.isEmpty()) {
            return Response.seeOther(URI.create("/")).build();
        }
        session.logout().await().indefinitely();
        String reason = refusal.get().equals(app.margin.identity.AccountDisabled.MESSAGE) ? "disabled" : "sso";
        return Response.seeOther(URI.create("/login.html?error=" + reason)).build();
    }
}
