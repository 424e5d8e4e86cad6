package app.margin.identity.throttle;

import app.margin.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Puts every password check through {@link SignInThrottle}, whatever mechanism checks it: the sign-in form
 * ({@code POST /j_security_check}) and any request carrying {@code Authorization: Basic}. Before authentication it
 * refuses a locked attempt (429 with Retry-After) or holds it back for the throttle's delay on a Vert.x timer; when the
 * answer's headers are written it records the outcome (401, or a redirect to the sign-in page's error, is a failure).
 *
 * <p>The form's user name is in its body, which is not read yet at this point. The filter reads the (small, URL
 * encoded) body itself with the request's form decoder switched on, and pauses the request before its end is
 * delivered: the sign-in mechanism then registers its end handler, resumes, and finds the fields in
 * {@code request.formAttributes()} as usual.
 */
@ApplicationScoped
public class SignInThrottleFilter {
    static final String SIGN_IN = "/j_security_check";
    /** After the cross-site check of BrowserOriginGuard (-300), before Quarkus authenticates (-200). */
    private static final int BEFORE_SIGN_IN = -290;
    /** A user name and a password: anything larger is not Margin's sign-in form. */
    private static final int MAX_FORM_BYTES = 16 * 1024;
    static final String LOCKED_PAGE = "/login.html?error=locked&retry=";

    private final SignInThrottle throttle;
    private final ObjectMapper json;

    SignInThrottleFilter(SignInThrottle throttle, ObjectMapper json) {
        this.throttle = throttle;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_SIGN_IN).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() == HttpMethod.POST && SIGN_IN.equals(context.normalizedPath())) {
            readSignInForm(context);
            return;
        }
        String user = SignInAttempt.basicUser(request.getHeader(HttpHeaderNames.AUTHORIZATION));
        if (user == null) {
            context.next();
            return;
        }
        proceed(context, new SignInAttempt(user, ClientAddress.of(request), false));
    }

    private void readSignInForm(RoutingContext context) {
        HttpServerRequest request = context.request();
        String type = request.getHeader(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT)
                .startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString())) {
            // A multipart body would reach the mechanism unread by the throttle.
            problem(context, 415, "Unsupported sign-in", "Send the sign-in form as "
                    + "application/x-www-form-urlencoded with the fields j_username and j_password.", Map.of());
            return;
        }
        long length = contentLength(request);
        if (length < 0) {
            problem(context, 411, "Length required", "Send the sign-in form with a Content-Length header.", Map.of());
            return;
        }
        if (length > MAX_FORM_BYTES) {
            problem(context, 413, "Sign-in form too large", "The sign-in form holds a user name and a password; "
                    + "this one is larger than " + MAX_FORM_BYTES + " bytes.", Map.of());
            return;
        }
        String address = ClientAddress.of(request);
        if (length == 0) {
            proceed(context, new SignInAttempt(null, address, true));
            return;
        }
        request.setExpectMultipart(true); // the mechanism's formAttributes() are decoded from the same chunks
        Buffer body = Buffer.buffer((int) length);
        request.handler(chunk -> {
            body.appendBuffer(chunk);
            if (body.length() >= length) {
                request.pause(); // holds back the end of the request until the mechanism listens for it
                request.handler(null);
                proceed(context, new SignInAttempt(SignInAttempt.formUser(body.toString()), address, true));
            }
        });
    }

    private void proceed(RoutingContext context, SignInAttempt attempt) {
        Verdict verdict = throttle.check(attempt.user(), attempt.address());
        if (verdict.locked()) {
            refuse(context, attempt, verdict);
            return;
        }
        long delay = verdict.delay().toMillis();
        if (delay == 0) {
            checkPassword(context, attempt);
            return;
        }
        context.vertx().setTimer(delay, timer -> {
            if (context.response().closed()) {
                return; // the client gave up waiting
            }
            // Attempts sent side by side wait together: one that a lock overtook meanwhile is refused too.
            Verdict now = throttle.check(attempt.user(), attempt.address());
            if (now.locked()) {
                refuse(context, attempt, now);
            } else {
                checkPassword(context, attempt);
            }
        });
    }

    private void checkPassword(RoutingContext context, SignInAttempt attempt) {
        context.addHeadersEndHandler(ignored -> record(context, attempt));
        context.next();
    }

    private void record(RoutingContext context, SignInAttempt attempt) {
        int status = context.response().getStatusCode();
        if (status == 401 || attempt.form() && isErrorRedirect(context, status)) {
            throttle.failed(attempt.user(), attempt.address());
        } else if (attempt.form() ? status < 400 : signedInAs(context, attempt.user())) {
            throttle.succeeded(attempt.user(), attempt.address());
        }
        // Anything else (a Basic header on a page that needs no sign-in, a 400): the password was not checked.
    }

    private static boolean isErrorRedirect(RoutingContext context, int status) {
        String location = context.response().headers().get(HttpHeaderNames.LOCATION);
        return status >= 300 && status < 400 && location != null && location.contains("/login.html?error");
    }

    private static boolean signedInAs(RoutingContext context, String user) {
        return context.user() instanceof QuarkusHttpUser signedIn && !signedIn.getSecurityIdentity().isAnonymous()
                && signedIn.getSecurityIdentity().getPrincipal().getName().equalsIgnoreCase(user);
    }

    private void refuse(RoutingContext context, SignInAttempt attempt, Verdict verdict) {
        long seconds = verdict.retryAfterSeconds();
        context.response().putHeader(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
        if (attempt.form() && isPageNavigation(context.request())) {
            // A browser without scripts posted the form: back to the sign-in page, which says how long to wait.
            context.response().setStatusCode(303).putHeader(HttpHeaderNames.LOCATION, LOCKED_PAGE + seconds).end();
            return;
        }
        String detail = verdict.lock() == Verdict.Lock.ADDRESS
                ? "Too many failed sign-ins from your address; try again in " + inMinutes(seconds) + "."
                : "Too many failed sign-ins to this account; try again in " + inMinutes(seconds)
                        + ", or from a computer you have signed in from before.";
        problem(context, 429, "Too many failed sign-ins", detail, Map.of("retryAfter", seconds));
    }

    /** A form submitted by the browser itself (not by Margin's script, which asks for JSON). */
    private static boolean isPageNavigation(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaderNames.ACCEPT);
        return request.getHeader("X-Margin-Request") == null && accept != null && accept.contains("text/html");
    }

    static String inMinutes(long seconds) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private static long contentLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void problem(RoutingContext context, int status, String title, String detail, Map<String, Object> more) {
        Problem problem = new Problem("about:blank", title, status, detail, null, more);
        try {
            context.response().setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(status, e);
        }
    }
}
