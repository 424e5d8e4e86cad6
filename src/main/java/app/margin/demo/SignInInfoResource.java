package app.margin.demo;

import app.margin.config.MarginConfig;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the sign-in page shows before anyone signs in: whether demo mode is on and which demo accounts it made, and
 * how to sign in (the password form, the identity provider's button, or both). The
 * demo password is named only while it is the documented default {@code demo}; one an administrator chose is not.
 * It also says whether the caller is signed in, so that Margin's pages can send a visitor to the sign-in page without
 * first asking {@code /me} and logging its 401 as an error in the browser's console.
 */
@Path("/api/v1/session/info")
@Tag(name = "Accounts")
public class SignInInfoResource {
    static final String DEFAULT_DEMO_PASSWORD = "demo";

    private final MarginConfig config;
    private final boolean singleSignOn;
    private final SecurityIdentity identity;

    SignInInfoResource(MarginConfig config,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean singleSignOn,
            SecurityIdentity identity) {
        this.config = config;
        this.singleSignOn = singleSignOn;
        this.identity = identity;
    }

    /**
     * {@code localAccounts}: the user name and password form works; {@code singleSignOn}: the name of the identity
     * provider when the page should offer its button (which goes to {@code /sign-in/oidc}), else absent;
     * {@code signedIn}: the request came with a session (or credentials) that signs someone in.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignInInfo(boolean demo, List<String> demoAccounts, String demoPassword, boolean localAccounts,
            String singleSignOn, boolean signedIn) {
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public facts for the sign-in page (no sign-in needed): is demo mode on")
    public SignInInfo info(@Context HttpHeaders headers) {
        boolean local = config.localAccounts().enabled();
        String sso = singleSignOn ? config.oidc().providerName() : null;
        boolean signedIn = signedIn(headers);
        if (!config.demo().enabled()) {
            return new SignInInfo(false, null, null, local, sso, signedIn);
        }
        List<String> accounts = Stream.concat(Stream.of(DemoProjectLoader.SUPERVISOR),
                DemoProjectLoader.CODERS.stream()).toList();
        String password = DEFAULT_DEMO_PASSWORD.equals(config.demo().password()) ? DEFAULT_DEMO_PASSWORD : null;
        return new SignInInfo(true, accounts, password, local, sso, signedIn);
    }

    /**
     * Whether a browser's session cookie signs someone in. Only a page's cookie is looked at: credentials in an
     * Authorization header (a script's) are neither checked nor counted by the sign-in throttle on this public
     * address, and a request without cookies is anonymous without asking anyone. An ended session is anonymous.
     */
    private boolean signedIn(HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null || headers.getCookies().isEmpty()) {
            return false;
        }
        return !identity.isAnonymous(); // authentication is not proactive: this is where the cookie is checked
    }
}
