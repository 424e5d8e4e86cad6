package app.margin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One user signed in as the browser signs in: the sign-in form posted to {@code /j_security_check}, then the
 * {@code margin-session} cookie on every request, and {@code X-Margin-Request} on every changing one. Many sessions
 * share one {@link HttpClient} (one connection pool), each keeping its own cookie, which Margin may renew.
 */
final class BrowserSession {
    static final String COOKIE = "margin-session";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** An answer: status and body (status 0 and an empty body when none came). */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http;
    private final URI base;
    final String username;
    private volatile String cookie;

    private BrowserSession(HttpClient http, URI base, String username, String cookie) {
        this.http = http;
        this.base = base;
        this.username = username;
        this.cookie = cookie;
    }

    /** Browsers speak HTTP/1.1 to a plain-http Margin; the client shares its connections between sessions. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static BrowserSession signIn(HttpClient http, URI base, String username, String password)
            throws IOException, InterruptedException {
        String form = "j_username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("/j_security_check"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String cookie = sessionCookie(response);
        if (cookie == null || cookie.isEmpty()) {
            throw new IllegalStateException("Signing in as " + username + " failed (answer " + response.statusCode()
                    + ", no session cookie): wrong password, or not a Margin at " + base + "?");
        }
        return new BrowserSession(http, base, username, cookie);
    }

    Answer get(String path) throws InterruptedException {
        return send(request(path).GET());
    }

    Answer post(String path, String json) throws InterruptedException {
        return send(changing(path, json).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends without waiting, as a second click does while the first is still on its way. */
    CompletableFuture<Answer> postAsync(String path, String json) {
        return http.sendAsync(changing(path, json).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(this::answer).exceptionally(failure -> new Answer(0, new byte[0]));
    }

    Answer put(String path, String json) throws InterruptedException {
        return send(changing(path, json).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) throws InterruptedException {
        return send(request(path).header("X-Margin-Request", "1").DELETE());
    }

    /** A multipart upload of text files with form fields, as the import panel sends it. */
    Answer upload(String path, java.util.Map<String, String> files, java.util.Map<String, String> fields)
            throws InterruptedException {
        String boundary = "margin-load-" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        files.forEach((name, text) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(name)
                .append("\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(text).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return send(request(path).timeout(Duration.ofMinutes(5)).header("X-Margin-Request", "1")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Cookie", COOKIE + "=" + cookie);
    }

    private HttpRequest.Builder changing(String path, String json) {
        return request(path).header("X-Margin-Request", "1").header("Content-Type", "application/json");
    }

    /** Sends and waits; no answer (timeout, refused connection) is status 0, counted as an error by the caller. */
    private Answer send(HttpRequest.Builder request) throws InterruptedException {
        try {
            return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            return new Answer(0, new byte[0]);
        }
    }

    private Answer answer(HttpResponse<byte[]> response) {
        String renewed = sessionCookie(response);
        if (renewed != null && !renewed.isEmpty()) {
            cookie = renewed;
        }
        return new Answer(response.statusCode(), response.body());
    }

    private static String sessionCookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("set-cookie")) {
            if (header.startsWith(COOKIE + "=")) {
                int end = header.indexOf(';');
                return header.substring(COOKIE.length() + 1, end < 0 ? header.length() : end);
            }
        }
        return null;
    }
}
