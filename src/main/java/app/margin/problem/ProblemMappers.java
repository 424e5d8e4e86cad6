package app.margin.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import app.margin.identity.AccountDisabled;
import app.margin.identity.SignInRefused;
import io.quarkus.logging.Log;
import app.margin.identity.token.TokenRefused;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;
import org.jboss.resteasy.reactive.server.handlers.FormBodyHandler;

/** Turns every failure into RFC 9457 problem+json; never a class name or a stack trace. */
public class ProblemMappers {
    private static final String SIGN_IN_PATH = "/j_security_check";
    /** Sent by Margin's own pages (see BrowserRequestGuard). */
    private static final String MARGIN_PAGE_HEADER = "X-Margin-Request";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = Problem.response(e.status(), e.title(), e.getMessage(), e.extensions());
        if (e.retryAfterSeconds() == null) {
            return response;
        }
        return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** Each field's error in words (see {@link ValidationWords}); the detail is their sentences, in field order. */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", ValidationWords.field(v), "message", ValidationWords.message(v)))
                .sorted(Comparator.comparing((Map<String, String> err) -> err.get("field"))
                        .thenComparing(err -> err.get("message")))
                .toList();
        String detail = errors.stream().map(err -> err.get("message")).distinct()
                .reduce((a, b) -> a + " " + b).orElse("The request is not valid.");
        return Problem.response(400, "Invalid request", detail, Map.of("errors", errors));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentEdit(Exception e) {
        return Problem.response(409, "Conflict",
                "Someone else changed this at the same time. Reload it, then apply your change again.", null);
    }

    /** Listed one by one because Quarkus maps the specific Jackson types itself otherwise. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class, StreamConstraintsException.class})
    public Response unreadableJson(JsonProcessingException e) {
        if (JsonErrors.isTooLarge(e)) {
            // a single text (or number) beyond Jackson's limits: a body sent without Content-Length (see RequestSizeLimit)
            return Problem.response(413, "Request too large", JsonErrors.tooLarge(), null);
        }
        return Problem.response(400, "Invalid request", JsonErrors.describe(e), null);
    }

    /**
     * A multipart body that ends before its closing boundary (a cut-off upload), or whose boundary is not the one its
     * Content-Type names. The form parser of quarkus-rest reports the first as a plain IOException, so an IOException
     * is taken for a broken upload only when it comes from reading the form; any other is unexpected.
     */
    @ServerExceptionMapper({IOException.class, MultipartParser.MalformedMessageException.class})
    public Response brokenUpload(Exception e) {
        boolean readingForm = e instanceof MultipartParser.MalformedMessageException || Arrays.stream(e.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(FormBodyHandler.class.getName()));
        if (!readingForm) {
            return unexpected(e);
        }
        Log.debugf("A multipart upload could not be parsed: %s", e.getClass().getName());
        return Problem.response(400, "Upload cut off or malformed", "The upload was cut off or is malformed (its "
                + "parts do not end with the boundary its Content-Type names), so Margin read none of it. Send it again.",
                null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, RoutingContext request) {
        return notSignedIn("Sign in to use Margin.", request);
    }

    /** A wrong password; a plain sign-in form (no script) is sent back to the sign-in page with a message. */
    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, RoutingContext request) {
        if (AccountDisabled.is(e)) {
            return Problem.response(403, "Account disabled", AccountDisabled.MESSAGE, null); // a retry cannot help
        }
        var token = TokenRefused.detail(e);
        if (token.isPresent()) { // RFC 6750: the bearer token itself is what is wrong
            return Response.fromResponse(Problem.response(401, "API token refused", token.get(), null))
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
        }
        if (SIGN_IN_PATH.equals(request.normalizedPath()) && !fromMarginPage(request)) {
            return Response.seeOther(URI.create("/login.html?error=1")).build();
        }
        String refused = SignInRefused.detail(e);
        if (refused != null) {
            return notSignedIn(refused, request);
        }
        if (bearer(request)) {
            return notSignedIn("The bearer token was not accepted: it has expired, is not valid yet, or was not "
                    + "issued for this Margin. Get a new one and try again.", request);
        }
        return notSignedIn("The user name or password is wrong.", request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Not allowed", "Your account is not allowed to do this.", null);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException) {
            // quarkus-rest answers a path parameter it cannot convert (a number) with 404: the address is wrong
            Optional<String> invalid = PathIds.describeInvalid(uri);
            if (invalid.isPresent()) {
                return Problem.response(400, "Invalid address", invalid.get(), null);
            }
        }
        return Problem.response(status, Response.Status.fromStatusCode(status) == null
                ? "Request refused" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                detailFor(status), null);
    }

    /**
     * Everything else. A full or read-only disk under the database is no bug: the caller is told their change was not
     * saved and why, and the log says what to do once, not with a stack trace per request (every request fails alike
     * then). A unique violation or a clash of concurrent writes found anywhere in the cause chain (also when it
     * surfaced at commit, wrapped by the transaction manager) is a conflict between two requests, not a fault: 409,
     * so that a request sent twice at once never answers 500. Services that know which row exists say so themselves
     * (e.g. existingCodingId); this is the answer for the rest.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        Optional<StorageFailure> storage = StorageFailure.of(e);
        if (storage.isPresent()) {
            StorageProblems.log(storage.get());
            Log.debug("The storage failure in full", e);
            return problem(ProblemException.unexpected(e, null));
        }
        if (SqlFailures.isUniqueViolation(e)) {
            Log.debugf("Unique violation answered 409: %s", e.getClass().getName());
            return Problem.response(409, "Conflict", "This already exists: the same thing was made a moment ago, "
                    + "perhaps by the same request sent twice. Reload to see it.", null);
        }
        if (SqlFailures.isConcurrentWrite(e)) {
            Log.debugf("Concurrent write answered 409: %s", e.getClass().getName());
            return Problem.response(409, "Conflict",
                    "Someone else changed this at the same time. Reload it, then apply your change again.", null);
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(SqlFailures.loggable(e), "Unexpected failure, reference %s", reference);
        return problem(ProblemException.unexpected(e, reference));
    }

    /**
     * 401 with the Basic challenge, so curl knows to send a password; Margin's own pages (which send
     * X-Margin-Request) get no challenge, since it would pop up the browser's password dialog instead of the
     * sign-in page.
     */
    private static Response notSignedIn(String detail, RoutingContext request) {
        Response problem = Problem.response(401, "Not signed in", detail, null);
        if (fromMarginPage(request)) {
            return problem;
        }
        String challenge = bearer(request) ? "Bearer realm=\"Margin\", error=\"invalid_token\"" : "Basic realm=\"Margin\"";
        return Response.fromResponse(problem).header("WWW-Authenticate", challenge).build();
    }

    /** The request came with a bearer token (the identity provider's, or an API token). */
    private static boolean bearer(RoutingContext request) {
        String authorization = request.request().getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static boolean fromMarginPage(RoutingContext request) {
        return request.request().getHeader(MARGIN_PAGE_HEADER) != null;
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not support that method.";
            case 406 -> "Margin cannot answer in the format you asked for.";
            case 413 -> "The upload is too large.";
            case 415 -> "Margin does not accept this content type here.";
            default -> "The request could not be processed.";
        };
    }

}
