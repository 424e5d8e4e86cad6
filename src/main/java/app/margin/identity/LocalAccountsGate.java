package app.margin.identity;

import app.margin.config.MarginConfig;
import app.margin.problem.Problem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * With local accounts off ({@code margin.local-accounts.enabled=false}, the team profile's default) no user name and
 * password is checked: HTTP Basic and the sign-in form are refused with 401 before any password check, saying how to
 * sign in instead (the identity provider, or an API token for scripts).
 */
@ApplicationScoped
class LocalAccountsGate {
    /** Before BrowserOriginGuard (-300) and Quarkus' authentication (-200). */
    private static final int ORDER = -400;
    static final String DETAIL = "This Margin does not take user names and passwords: sign in through the sign-in "
            + "page's single sign-on button; scripts send a bearer token.";

    private final boolean enabled;

    LocalAccountsGate(MarginConfig config) {
        this.enabled = config.localAccounts().enabled();
    }

    void install(@Observes Router router) {
        if (!enabled) {
            router.route().order(ORDER).handler(this::check);
        }
    }

    private void check(RoutingContext request) {
        String authorization = request.request().getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean form = "/j_security_check".equals(request.normalizedPath());
        if (!basic && !form) {
            request.next();
            return;
        }
        if (form && request.request().getHeader("X-Margin-Request") == null) {
            request.response().setStatusCode(303).putHeader(HttpHeaderNames.LOCATION, "/login.html?error=local")
                    .end();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Not signed in")
                .put("status", 401).put("detail", DETAIL);
        request.response().setStatusCode(401).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.encode());
    }
}
