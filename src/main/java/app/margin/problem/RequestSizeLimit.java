package app.margin.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared size is over {@code quarkus.http.limits.max-body-size} (or, for JSON, over
 * {@link TextLimits#JSON_BODY_BYTES}) with problem+json. The
 * HTTP layer would refuse it too, but with an empty 413 before any of Margin's code runs; this runs just before that
 * check, so a script uploading too much at once reads why.
 */
@ApplicationScoped
public class RequestSizeLimit {
    /** Quarkus checks the limit in a route of order -2; lower runs earlier. */
    private static final int BEFORE_QUARKUS_CHECK = -3;

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;

    RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(BEFORE_QUARKUS_CHECK).handler(request -> check(request, max.asLongValue())));
    }

    private void check(RoutingContext request, long max) {
        String declared = request.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long length = declared == null ? -1 : parse(declared);
        if (length > TextLimits.JSON_BODY_BYTES && isJson(request.request().getHeader(HttpHeaderNames.CONTENT_TYPE))) {
            refuse(request, "Request too large", "This JSON request is " + megabytes(length) + "; Margin accepts at most "
                    + megabytes(TextLimits.JSON_BODY_BYTES) + " of JSON in one request (a memo may be at most "
                    + TextLimits.number(TextLimits.MEMO_BODY) + " characters). Send less at once.");
            return;
        }
        if (length <= max) {
            request.next();
            return;
        }
        refuse(request, "Upload too large", "This request is " + megabytes(length) + "; Margin accepts at most "
                + megabytes(max) + " in one request. Upload fewer or smaller files at a time, or ask your administrator "
                + "to raise quarkus.http.limits.max-body-size.");
    }

    /** application/json and the +json types; JSON bodies are far smaller than uploads (TextLimits.JSON_BODY_BYTES). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private void refuse(RoutingContext request, String title, String detail) {
        Problem problem = new Problem("about:blank", title, 413, detail, null, Map.of());
        try {
            // The body is never read: answer, then close the connection rather than drain hundreds of megabytes.
            request.response().setStatusCode(413).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaderNames.CONNECTION, "close")
                    .endHandler(done -> request.request().connection().close())
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            request.fail(413, e);
        }
    }

    private static long parse(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1; // not a number: the HTTP layer refuses it as a bad request
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
