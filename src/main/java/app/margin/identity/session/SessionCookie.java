package app.margin.identity.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The {@code margin-session} cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * and Secure whenever the request came over HTTPS: the scheme as Vert.x sees it, which behind a proxy is the one the
 * forwarded headers name (quarkus.http.proxy.*). No Max-Age: it ends with the browser, and the server ends it sooner.
 */
public final class SessionCookie {
    public static final String NAME = "margin-session";

    private SessionCookie() {
    }

    static void set(HttpServerRequest request, HttpServerResponse response, String token) {
        response.addCookie(cookie(request, token));
    }

    /** Tells the browser to forget the cookie (signed out, or a session that has ended). */
    public static void clear(HttpServerRequest request, HttpServerResponse response) {
        response.addCookie(cookie(request, "").setMaxAge(0));
    }

    private static Cookie cookie(HttpServerRequest request, String value) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure("https".equalsIgnoreCase(request.scheme()));
    }
}
