package app.margin.support;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends the same request from many threads that are all released at once by a latch, so the requests really reach
 * the server together (not one after another as a loop would send them). Uses java.net.http, which is thread-safe.
 */
public final class Concurrently {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    private Concurrently() {
    }

    /** An answer: status, body and headers. */
    public record Answer(int status, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** One request: who sends it, the method, the path under the server and a JSON body (or null), extra headers. */
    public record Request(String username, String method, String path, String jsonBody, Map<String, String> headers) {
    }

    /**
     * {@code times} identical requests as {@code username}, released together; the answers in no particular order.
     *
     * @param headers extra headers, e.g. Idempotency-Key
     */
    public static List<Answer> send(int times, String username, String method, String path, String jsonBody,
            Map<String, String> headers) throws Exception {
        return send(java.util.Collections.nCopies(times, new Request(username, method, path, jsonBody, headers)));
    }

    /** Different requests, released together; the answers in the order of the requests. */
    public static List<Answer> send(List<Request> requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Request r : requests) {
                HttpRequest request = build(r);
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body(), response.headers().map());
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private static HttpRequest build(Request r) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + r.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(r.username())).header("Accept", "application/json")
                .method(r.method(), r.jsonBody() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(r.jsonBody(), StandardCharsets.UTF_8));
        if (r.jsonBody() != null) {
            builder.header("Content-Type", "application/json");
        }
        r.headers().forEach(builder::header);
        return builder.build();
    }

    private static String basic(String username) {
        String password = Api.ADMIN.equals(username) ? Api.ADMIN_PASSWORD : Api.PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
