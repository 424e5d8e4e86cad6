package app.margin.idempotency;

import app.margin.identity.CurrentCaller;
import app.margin.problem.Problem;
import app.margin.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header), for every changing request
 * of every feature: the first request with a key is carried out; a repeat by the same user with the same key and
 * the same request (method, path, query and body) within {@code margin.idempotency.retention} gets the stored answer
 * (same status and body, with {@code Idempotent-Replayed: true}) without being carried out again; the same key with
 * a different request is refused with 422; a repeat while the first is still running gets 409 with Retry-After
 * (the draft's answer: waiting would hold a worker thread for as long as the first takes, an import for minutes).
 * <p>
 * Answers are kept when they would be the same on a second try: success, and refusals (400, 403, 404, 413, 422…)
 * except those that depend on the moment (408, 409, 425, 429) and server failures. Those release the key, unless a
 * transaction of the request committed (see {@link AppliedMarker}): then the change stands and a repeat is told so.
 */
public class IdempotencyFilter {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Answers that may differ on a second try, so they are not replayed. */
    private static final Set<Integer> OF_THE_MOMENT = Set.of(408, 409, 425, 429);
    private static final int MAX_KEY_LENGTH = 255;
    /** A claim that met another request claiming the same key at the same instant waits this long for it, at most. */
    private static final int CLAIM_ATTEMPTS = 20;
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";

    private final IdempotencyStore store;
    private final IdempotentRequest current;
    private final CurrentCaller caller;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, IdempotentRequest current, CurrentCaller caller, SecurityIdentity identity,
            ObjectMapper json) {
        this.store = store;
        this.current = current;
        this.caller = caller;
        this.identity = identity;
        this.json = json;
    }

    /** Runs once the body has been read (readBody), so that it can be fingerprinted and then given to the resource. */
    @ServerRequestFilter(readBody = true)
    public Response claim(ResteasyReactiveContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header == null || !CHANGING.contains(request.getMethod()) || identity.isAnonymous()) {
            return null; // without a key a request is carried out as always; unsigned requests are refused later
        }
        String key = validKey(header);
        String method = request.getMethod();
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String fingerprint = fingerprint(request, method, path, request.getUriInfo().getRequestUri().getRawQuery());
        IdempotencyStore.Key claimed = new IdempotencyStore.Key(caller.userId(), RequestFingerprint.ofKey(key));
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            // looked up first, so that a repeat (the usual reason for a known key) does not cost a failed insert
            Optional<IdempotencyStore.Row> row = store.find(claimed);
            if (row.isPresent()) {
                return answerToRepeat(row.get(), method, path, fingerprint);
            }
            if (store.tryClaim(claimed, method, path, fingerprint)) {
                current.hold(claimed);
                request.setProperty(CLAIM, claimed);
                return null;
            }
            pause(attempt); // another request claimed it this instant (not yet visible on H2), or released it: again
        }
        return stillRunning();
    }

    @ServerResponseFilter
    public void complete(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof IdempotencyStore.Key key)) {
            return;
        }
        request.removeProperty(CLAIM);
        current.release();
        try {
            int status = response.getStatus();
            Optional<String> body = body(response);
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            String type = response.getMediaType() == null ? MediaType.APPLICATION_JSON : response.getMediaType().toString();
            boolean replayable = status < 500 && !OF_THE_MOMENT.contains(status);
            if (replayable && body.isPresent()) {
                store.complete(key, status, type, location, body.get());
                // the stored text is what goes out, so a repeat's answer is the same to the byte
                response.setEntity(body.get(), null, response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE
                        : response.getMediaType());
            } else if (!store.releaseIfNothingApplied(key)) {
                store.complete(key, status, type, location, null);
            }
        } catch (RuntimeException e) {
            // The answer still goes out; a repeat then finds the key in progress and is told to check, never re-run.
            Log.errorf(app.margin.problem.SqlFailures.loggable(e), "Could not store the answer for an idempotency key of user %d", key.userId());
        }
    }

    private Response answerToRepeat(IdempotencyStore.Row row, String method, String path, String fingerprint) {
        if (!row.requestHash().equals(fingerprint)) {
            String earlier = row.method() + " " + row.path();
            return Problem.response(422, "Key used for another request", "This Idempotency-Key was already used for "
                    + (earlier.equals(method + " " + path) ? "a request to the same address with a different body"
                    : "a different request (" + earlier + ")")
                    + ". Send a new key with every new request, and the same key only when repeating one.", null);
        }
        if (row.state() != IdempotencyStore.State.DONE) {
            return stillRunning();
        }
        if (row.body() == null) {
            return Problem.response(409, "Already carried out", "A request with this Idempotency-Key was already "
                    + "carried out (answer " + row.status() + "), but its answer could not be kept. Reload to see the "
                    + "result, and use a new key for a new request.", Map.of("originalStatus", row.status()));
        }
        Response.ResponseBuilder replay = Response.status(row.status()).header(REPLAYED, "true");
        if (!row.body().isEmpty()) {
            replay.entity(row.body()).type(row.contentType());
        }
        if (row.location() != null) {
            replay.location(URI.create(row.location()));
        }
        return replay.build();
    }

    private static Response stillRunning() {
        return Response.fromResponse(Problem.response(409, "Still being processed", "A request with this "
                        + "Idempotency-Key is still being processed. Send it again in a moment to get its answer. (If this "
                        + "lasts, that request was interrupted: reload to see whether the change was made; it was made "
                        + "at most once. Use a new key to try again.)", null))
                .header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    private static String validKey(String header) {
        String key = header.strip();
        // The draft sends the key as a structured-field string, in quotes; scripts often send it bare. Both work.
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest("The Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters without spaces, such as a UUID.");
        }
        return key;
    }

    private static String fingerprint(ResteasyReactiveContainerRequestContext request, String method, String path,
            String query) {
        FormData form = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
        if (form != null) {
            return RequestFingerprint.ofForm(method, path, query, form);
        }
        try {
            byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
            request.setEntityStream(new ByteArrayInputStream(body));
            return RequestFingerprint.ofBody(method, path, query, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body to fingerprint it", e);
        }
    }

    /** The answer's body as text when it can be kept: JSON (what Margin's API answers), text, or nothing. */
    private Optional<String> body(ContainerResponseContext response) {
        Object entity = response.getEntity();
        String text;
        if (entity == null) {
            text = "";
        } else if (entity instanceof String s) {
            text = s;
        } else if (entity instanceof byte[] bytes && isText(response.getMediaType())) {
            text = new String(bytes, StandardCharsets.UTF_8);
        } else if (response.getMediaType() == null || isJson(response.getMediaType())) {
            try {
                text = json.writeValueAsString(entity);
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty(); // a file download: not kept
        }
        return text.length() <= IdempotencyStore.MAX_BODY_CHARS ? Optional.of(text) : Optional.empty();
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    private static boolean isText(MediaType type) {
        return type != null && (type.getType().equals("text") || isJson(type));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L * (attempt + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.conflict("The request was interrupted while waiting for another with the same key.");
        }
    }
}
