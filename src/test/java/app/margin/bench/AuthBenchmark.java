package app.margin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.MarginClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What signing a request in costs: one coding request (POST a coding, then DELETE it) against the packaged Margin,
 * sent with an API token, with a browser session cookie and with HTTP Basic (a bcrypt check at the shipped cost).
 * The three take turns request by request, so a busy moment of the machine falls on all of them alike. Prints p50 and
 * p99 of each and the ratios to the token. A command, not a test: {@code ./mvnw -B -q verify -Pauth-bench}
 * ({@code -Dbench.requests=300} per kind, {@code -Dbench.port=0} for any free port).
 */
class AuthBenchmark {
    private static final int REQUESTS = Integer.getInteger("bench.requests", 300);
    private static final int WARM_UP = 50;
    private static final int PORT = Integer.getInteger("bench.port", 0);

    @Test
    void codingRequestWithATokenASessionAndBasic() throws Exception {
        try (PackagedMargin margin = PackagedMargin.start(PackagedMargin.JAR, PORT, List.of(),
                Path.of("target", "auth-bench", "margin.log"))) {
            MarginClient basic = MarginClient.basic(margin.url, "admin", margin.adminPassword);
            long project = basic.post("/api/v1/projects", Map.of("name", "auth bench", "description", "bench"))
                    .expect(201).json().get("id").asLong();
            String path = "/api/v1/projects/" + project;
            long document = basic.upload(path + "/documents", Map.of("talk.txt", ("I: Where did you grow up?\n"
                    + "R: In a small town by the river, before we had to leave.\n").getBytes(StandardCharsets.UTF_8)),
                    Map.of()).expect(201).json().get("imported").get(0).get("id").asLong();
            long code = basic.post(path + "/codes", Map.of("name", "Home")).expect(201).json().get("id").asLong();
            String token = basic.post("/api/v1/me/tokens", Map.of("name", "auth bench")).expect(201).json()
                    .get("token").asText();

            Map<String, MarginClient> clients = new LinkedHashMap<>();
            clients.put("token", MarginClient.bearer(margin.url, token));
            clients.put("session", MarginClient.signIn(margin.url, "admin", margin.adminPassword));
            clients.put("basic", basic);
            Map<String, Latencies> latencies = new LinkedHashMap<>();
            clients.keySet().forEach(kind -> latencies.put(kind, new Latencies()));
            Map<String, Object> coding = Map.of("documentId", document, "codeId", code, "start", 3, "end", 26);
            for (int i = 0; i < WARM_UP + REQUESTS; i++) {
                for (var client : clients.entrySet()) {
                    long started = System.nanoTime();
                    long id = client.getValue().post(path + "/codings", coding).expect(201).json().get("id").asLong();
                    int deleted = client.getValue().delete(path + "/codings/" + id).expect(204).status();
                    if (i >= WARM_UP) {
                        latencies.get(client.getKey()).record(System.nanoTime() - started, deleted);
                    }
                }
            }
            Latencies.Snapshot byToken = latencies.get("token").snapshot();
            System.out.printf("%nOne coding request (POST …/codings + DELETE), %d per kind, sequential, against %s%n",
                    REQUESTS, PackagedMargin.JAR);
            System.out.printf("%-8s %9s %9s %14s %14s%n", "signed", "p50 ms", "p99 ms", "p50 / token", "p99 / token");
            latencies.forEach((kind, samples) -> {
                Latencies.Snapshot s = samples.snapshot();
                assertEquals(REQUESTS, s.count());
                System.out.printf("%-8s %9.2f %9.2f %14.2f %14.2f%n", kind, s.percentileMillis(0.5),
                        s.percentileMillis(0.99), s.percentileMillis(0.5) / byToken.percentileMillis(0.5),
                        s.percentileMillis(0.99) / byToken.percentileMillis(0.99));
            });
        }
    }
}
