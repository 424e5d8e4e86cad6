package app.margin.identity;

import app.margin.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery guard for browser sessions. A request that carries the session cookie may change
 * something only if it also carries the {@code X-Margin-Request} header, which another site's page cannot add
 * without a CORS preflight that Margin never grants. The same holds for the identity
 * provider's session cookie. Scripts using HTTP Basic or a token have no cookie and are unaffected.
 */
public class BrowserRequestGuard {
    static final String SESSION_COOKIE = app.margin.identity.session.SessionCookie.NAME;
    /** quarkus-oidc's session cookie of the code flow (q_session, or q_session_<suffix>). */
    static final String OIDC_SESSION_COOKIE = "q_session";
    static final String HEADER = "X-Margin-Request";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        boolean changing = !SAFE.contains(request.getMethod());
        boolean fromSession = request.getCookies().keySet().stream()
                .anyMatch(name -> name.equals(SESSION_COOKIE) || name.startsWith(OIDC_SESSION_COOKIE));
        if (changing && fromSession && request.getHeaderString(HEADER) == null) {
            return Problem.response(403, "Not allowed",
                    "This change did not come from Margin's own pages, so it was refused. Reload Margin and try again.",
                    null);
        }
        return null;
    }
}
