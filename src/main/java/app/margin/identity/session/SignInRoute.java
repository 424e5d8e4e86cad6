package app.margin.identity.session;

import app.margin.identity.AccountDisabled;
import app.margin.problem.Problem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;

/**
 * The sign-in form: {@code POST /j_security_check} with {@code j_username} and {@code j_password}. The password is
 * checked by Quarkus' identity providers (quarkus-security-jpa, the one password check, also used by HTTP Basic);
 * success opens a session, sets the cookie and redirects (302) to {@code /}. A plain form that fails is sent back
 * (303) to {@code /login.html?error=1}; Margin's sign-in page (which sends X-Margin-Request) gets a problem+json
 * instead: 401 for a wrong user name or password, 403 for a disabled account.
 */
@ApplicationScoped
class SignInRoute {
    static final String PATH = "/j_security_check";
    static final String USERNAME = "j_username";
    static final String PASSWORD = "j_password";
    /** After BrowserOriginGuard (-300) and Quarkus' authentication handler (-200), where Quarkus' own form sat. */
    private static final int ORDER = -150;
    /** A user name and a password, with room to spare. */
    private static final long MAX_FORM_BYTES = 16 * 1024;
    private static final String MARGIN_PAGE_HEADER = "X-Margin-Request";

    private final IdentityProviderManager identities;
    private final BrowserSessions sessions;

    SignInRoute(IdentityProviderManager identities, BrowserSessions sessions) {
        this.identities = identities;
        this.sessions = sessions;
    }

    void install(@Observes Router router) {
        router.post(PATH).order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES))
                .blockingHandler(this::signIn, false);
    }

    private void signIn(RoutingContext request) {
        MultiMap form = request.request().formAttributes();
        String username = form.get(USERNAME);
        String password = form.get(PASSWORD);
        if (username == null || password == null || username.isBlank()) {
            refuse(request, 401, "Not signed in", "The user name or password is wrong.");
            return;
        }
        try {
            SecurityIdentity identity = identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray())),
                    request)).await().indefinitely();
            Optional<String> token = sessions.open(identity.getPrincipal().getName());
            if (token.isEmpty()) { // disabled between the password check and now
                refuse(request, 403, "Account disabled", AccountDisabled.MESSAGE);
                return;
            }
            SessionCookie.set(request.request(), request.response(), token.get());
            request.response().setStatusCode(302).putHeader(HttpHeaderNames.LOCATION, "/").end();
        } catch (AuthenticationFailedException e) {
            if (AccountDisabled.is(e)) {
                refuse(request, 403, "Account disabled", AccountDisabled.MESSAGE);
            } else {
                refuse(request, 401, "Not signed in", "The user name or password is wrong.");
            }
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            Log.errorf(e, "Sign-in failed unexpectedly, reference %s", reference);
            refuse(request, 503, "Sign-in unavailable", "Margin could not check the password just now. Try again in "
                    + "a moment; if it keeps failing, tell the administrator (reference " + reference + ").");
        }
    }

    /** The sign-in page reads a problem; a plain form (no script) goes back to the sign-in page with its message. */
    private static void refuse(RoutingContext request, int status, String title, String detail) {
        if (request.request().getHeader(MARGIN_PAGE_HEADER) == null) {
            request.response().setStatusCode(303).putHeader(HttpHeaderNames.LOCATION, "/login.html?error=1").end();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        request.response().setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.encode());
    }
}
