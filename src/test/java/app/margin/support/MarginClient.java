package app.margin.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A small HTTP client for a running Margin (a {@link MarginProcess} or any URL), signed in either as the browser
 * does (form sign-in, then the {@code margin-session} cookie and the {@code X-Margin-Request} header on changes) or
 * with HTTP Basic on every request (as scripts do; each request then checks a bcrypt hash, so prefer a session for
 * many requests).
 *
 * <p>Methods return every answer, whatever its status, and throw {@link IOException} only when no answer came
 * (refused connection, a process killed mid-request): a crash test tells "answered" from "unknown" by that. One
 * client may be used from several threads.
 */
public final class MarginClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final HttpClient http;
    private final String authorization;

    private MarginClient(URI base, HttpClient http, String authorization) {
        this.base = base;
        this.http = http;
        this.authorization = authorization;
    }

    /**
     * Signs in through {@code POST /j_security_check} as the sign-in page does.
     *
     * @throws IllegalStateException when Margin refuses the user name or password
     */
    public static MarginClient signIn(URI base, String username, String password) throws IOException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        MarginClient client = new MarginClient(base, newHttp(cookies), null);
        String form = "j_username=" + encode(username) + "&j_password=" + encode(password);
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        boolean signedIn = cookies.getCookieStore().getCookies().stream()
                .anyMatch(c -> c.getName().equals("margin-session"));
        if (!signedIn) {
            throw new IllegalStateException("Sign-in of " + username + " was refused (HTTP " + response.statusCode() + ")");
        }
        return client;
    }

    /** Sends HTTP Basic credentials with every request. */
    public static MarginClient basic(URI base, String username, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new MarginClient(base, newHttp(null), "Basic " + credentials);
    }

    /** Sends a personal API token ({@code Authorization: Bearer margin_pat_…}) with every request. */
    public static MarginClient bearer(URI base, String token) {
        return new MarginClient(base, newHttp(null), "Bearer " + token);
    }

    /** {@code GET path}; the path may carry a query built with {@link #encode(String)}. */
    public Answer get(String path) throws IOException {
        return answer(request(path).GET());
    }

    /**
     * {@code GET path} as a browser revalidates a copy it keeps: with {@code If-None-Match: etag} when {@code etag} is
     * not null. The answer's ETag header comes back with it (null when there is none).
     */
    public Tagged getTagged(String path, String etag) throws IOException {
        HttpRequest.Builder request = request(path).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = send(request);
        return new Tagged(new Answer(response.statusCode(), response.body()),
                response.headers().firstValue("ETag").orElse(null));
    }

    /** An answer with its ETag header. */
    public record Tagged(Answer answer, String etag) {
    }

    /** {@code POST} of a JSON body (a record, map or list; null sends no body). */
    public Answer post(String path, Object json) throws IOException {
        return answer(changing(path, json).POST(body(json)));
    }

    public Answer put(String path, Object json) throws IOException {
        return answer(changing(path, json).PUT(body(json)));
    }

    public Answer delete(String path) throws IOException {
        return answer(changing(path, null).DELETE());
    }

    /**
     * A multipart upload as the import panel sends it: one {@code file} part per entry (name to content), then the
     * form fields.
     */
    public Answer upload(String path, Map<String, byte[]> files, Map<String, String> fields) throws IOException {
        String boundary = "margin-client-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return answer(changing(path, null).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Percent-encodes a query parameter value (spaces as {@code %20}). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One answer: its status and body. */
    public record Answer(int status, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (HTTP " + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** This answer, or an {@link AssertionError} with the body when the status is none of these. */
        public Answer expect(int... statuses) {
            if (Arrays.stream(statuses).noneMatch(s -> s == status)) {
                throw new AssertionError("Expected HTTP " + Arrays.toString(statuses) + " but got " + status + ": "
                        + text());
            }
            return this;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** Changing requests from a session need the header Margin's own pages send (BrowserRequestGuard). */
    private HttpRequest.Builder changing(String path, Object json) {
        HttpRequest.Builder builder = request(path).header("X-Margin-Request", "1");
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(Object json) {
        if (json == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer answer(HttpRequest.Builder request) throws IOException {
        HttpResponse<byte[]> response = send(request);
        return new Answer(response.statusCode(), response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for Margin");
        }
    }

    private static HttpClient newHttp(CookieManager cookies) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade; and never a retry of a POST it sent.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        return builder.build();
    }
}
