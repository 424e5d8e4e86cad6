package app.margin.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Answers an address that is too long (414) or headers that are too large (431) with problem+json. The HTTP layer
 * (Netty, inside Vert.x) refuses what is over its own limits before any handler runs, with an empty body and no
 * hook to give it one. So its limits are set higher (quarkus.http.limits.max-initial-line-length and max-header-size
 * in application.properties) and Margin's own, lower ones are checked here, first of all routes; only a request over
 * the HTTP layer's limits still gets an empty answer.
 */
@ApplicationScoped
public class RequestHeadLimit {
    /** The request line ("GET /api/v1/… HTTP/1.1"), in characters: Quarkus' default limit. */
    static final int MAX_REQUEST_LINE = 4096;
    /** All headers together, names and values, in characters: Quarkus' default limit. */
    static final int MAX_HEADERS = 20 * 1024;
    /** Before RequestSizeLimit (-3) and Quarkus' own body checks (-2). */
    private static final int FIRST = -4;

    private final ObjectMapper json;

    RequestHeadLimit(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        int line = request.method().name().length() + request.uri().length() + " HTTP/1.1".length() + 1;
        if (line > MAX_REQUEST_LINE) {
            refuse(context, 414, "Address too long", "This address is " + TextLimits.number(line) + " characters long; "
                    + "Margin accepts at most " + TextLimits.number(MAX_REQUEST_LINE) + ". Send long values (a search "
                    + "query, say) in the body of a POST request instead.");
            return;
        }
        int headers = request.headers().entries().stream()
                .mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum();
        if (headers > MAX_HEADERS) {
            refuse(context, 431, "Headers too large", "The headers of this request are " + TextLimits.number(headers)
                    + " characters long; Margin accepts at most " + TextLimits.number(MAX_HEADERS) + ". Too many or "
                    + "too large cookies are the usual cause: clear this site's cookies and sign in again.");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, int status, String title, String detail) {
        try {
            String body = json.writeValueAsString(new Problem("about:blank", title, status, detail, null, Map.of()));
            // the body of such a request is not read: answer, then close the connection
            context.response().setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaderNames.CONNECTION, "close")
                    .endHandler(done -> context.request().connection().close())
                    .end(body);
        } catch (JsonProcessingException e) {
            context.fail(status, e);
        }
    }
}
