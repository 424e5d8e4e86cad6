package app.margin.identity;

import app.margin.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a changing browser request sent from another site's page: the sign-in form ({@code POST
 * /j_security_check}, where a foreign page could otherwise sign a visitor into an account of the attacker's choosing)
 * and any changing request that carries the session cookie. Browsers name the sending page's site in {@code Origin}
 * (or at least {@code Referer}); it must be the site the request was sent to. Requests without either header are not
 * from a browser page and are left to {@link BrowserRequestGuard} and the sign-in itself.
 *
 * <p>A Vert.x route rather than a REST filter, because Quarkus handles the sign-in form before any REST code runs.
 */
@ApplicationScoped
public class BrowserOriginGuard {
    static final String SIGN_IN = "/j_security_check";
    /** Quarkus authenticates (and handles the sign-in form) in a filter of priority 200, i.e. route order -200. */
    private static final int BEFORE_SIGN_IN = -300;
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ObjectMapper json;

    BrowserOriginGuard(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_SIGN_IN).handler(this::check);
    }

    private void check(RoutingContext request) {
        boolean changing = !SAFE.contains(request.request().method());
        boolean browserSession = SIGN_IN.equals(request.normalizedPath())
                || request.request().getCookie(BrowserRequestGuard.SESSION_COOKIE) != null;
        String sender = sendingSite(request);
        if (!changing || !browserSession || sender == null || sender.equals(ownSite(request))) {
            request.next();
            return;
        }
        Problem problem = new Problem("about:blank", "Not allowed", 403, "This request came from another site's page ("
                + sender + "), so Margin refused it. Open Margin itself and try again.", null, Map.of());
        try {
            request.response().setStatusCode(403).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            request.fail(403, e);
        }
    }

    /** The site (scheme://host:port) of the page that sent the request, from Origin or else Referer; null if neither. */
    static String sendingSite(RoutingContext request) {
        String origin = request.request().getHeader(HttpHeaderNames.ORIGIN);
        if (origin == null || origin.isBlank()) {
            origin = request.request().getHeader(HttpHeaderNames.REFERER);
        }
        if (origin == null || origin.isBlank()) {
            return null;
        }
        return site(origin.strip());
    }

    /** The site the request was sent to, as the browser saw it (behind a proxy: from the forwarded headers). */
    private static String ownSite(RoutingContext request) {
        HostAndPort authority = request.request().authority();
        if (authority == null) {
            return null; // no Host header: nothing a browser page could have sent
        }
        return site(request.request().scheme() + "://" + authority.host()
                + (authority.port() > 0 ? ":" + authority.port() : ""));
    }

    /** scheme://host:port in lower case with the default port written out; "null" (an opaque origin) stays as it is. */
    static String site(String address) {
        try {
            URI uri = URI.create(address);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return address;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return address; // not an address at all: never equal to Margin's own site
        }
    }
}
