package app.margin.coding;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * GET …/events: a member is told of a coding or memo change only when they may see it (the same rule as GET
 * …/codings), the notice carries no text, and a foreign project is 404. "Not told" is shown without waiting on a
 * clock: notices are sent in commit order, so when the next notice a listener gets is a later change it may see, the
 * hidden one before it was not sent.
 */
@QuarkusTest
class LiveEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "P01: The broker took my money.\n";

    @TestHTTPResource("/")
    URI base;

    /** One open event stream, read on its own thread: the events' names and data, in order. */
    private final class Stream implements AutoCloseable {
        final BlockingQueue<Map.Entry<String, JsonNode>> events = new LinkedBlockingQueue<>();
        final Thread reader;
        volatile BufferedReader body;
        /** The response's own stream: closing it ends the reader's readLine (the reader holds the BufferedReader's lock). */
        volatile java.io.InputStream raw;

        Stream(String user, long projectId) throws Exception {
            String auth = Base64.getEncoder().encodeToString((user + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            base.resolve("/api/v1/projects/" + projectId + "/events")).header("Authorization", "Basic " + auth)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            raw = response.body();
            body = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
            reader = Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try {
                String name = null;
                for (String line; (line = body.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(Map.entry(name, JSON.readTree(line.substring(5).trim())));
                        name = null;
                    }
                }
            } catch (Exception closed) {
                // the test is over
            }
        }

        /** The next notice (failing the test when none comes within Quarkus test's patience). */
        Map.Entry<String, JsonNode> next() throws InterruptedException {
            var event = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(event, "a notice");
            return event;
        }

        @Override
        public void close() throws Exception {
            // not body.close(): it waits for the reader's lock until the next heartbeat (15 s) wakes its readLine
            raw.close();
            reader.interrupt();
        }
    }

    private static void memo(String user, Team team, String type, long targetId, String body) {
        as(user).body(Map.of("targetType", type, "targetId", targetId, "body", body)).post(team.path("/memos"))
                .then().statusCode(201);
    }

    @Test
    void aCoderIsToldOfAPartnersCodingOnlyOnceTheRoundIsRevealedAndASupervisorAlways() throws Exception {
        Team team = Api.team("Live");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p01.txt", TEXT, null);
        long other = Api.importText(team.supervisor(), team.projectId(), "p02.txt", "P02: The church helped.\n", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Cost", null);
        long round = as(team.supervisor()).body(Map.of("name", "Pilot", "documentIds", List.of(doc),
                        "coders", List.of(team.coder(), team.coder2()), "codeIds", List.of(code), "blind", true))
                .post(team.path("/agreement/rounds")).then().statusCode(201).extract().jsonPath().getLong("id");

        try (Stream supervisor = new Stream(team.supervisor(), team.projectId());
                Stream partner = new Stream(team.coder2(), team.projectId())) {
            long hidden = Api.code(team.coder(), team.projectId(), doc, code, 5, 11);
            var seen = supervisor.next();
            assertEquals("codings", seen.getKey());
            assertEquals(doc, seen.getValue().get("documentId").asLong());
            assertEquals(Set.of("type", "documentId", "seq"), fields(seen.getValue()), "only where and when, no text");
            assertFalse(seen.getValue().toString().contains("broker"));

            memo(team.coder(), team, "CODING", hidden, "The broker again"); // on a blind partner's coding: hidden too
            assertEquals("memos", supervisor.next().getKey());
            memo(team.owner(), team, "DOCUMENT", other, "Check the date"); // every member sees a document's memos
            var barrier = partner.next();
            assertEquals("memos", barrier.getKey(), "the partner's coding and its memo in the blind round were not told");
            assertEquals(other, barrier.getValue().get("documentId").asLong());

            as(team.supervisor()).post(team.path("/agreement/rounds/" + round + "/reveal")).then().statusCode(200);
            Api.code(team.coder(), team.projectId(), doc, code, 16, 21);
            var revealed = partner.next();
            assertEquals("codings", revealed.getKey(), "after the reveal the partner is told");
            assertEquals(doc, revealed.getValue().get("documentId").asLong());
        }
    }

    /**
     * A code merged or deleted is a codebook notice for every member and a codings notice for each document whose
     * codings it moved or removed, to those who may see them: the partner in an unrevealed blind round hears of its
     * own document, never of the round's document where only the other coder used the code.
     */
    @Test
    void aMergedOrDeletedCodeTellsEveryoneOfTheCodebookAndEachMemberOfTheDocumentsTheyMaySee() throws Exception {
        Team team = Api.team("Live codebook");
        long doc = Api.importText(team.supervisor(), team.projectId(), "p01.txt", TEXT, null);
        long other = Api.importText(team.supervisor(), team.projectId(), "p02.txt", "P02: The church helped.\n", null);
        long cost = Api.newCode(team.supervisor(), team.projectId(), "Cost", null);
        long fees = Api.newCode(team.supervisor(), team.projectId(), "Fees", null);
        as(team.supervisor()).body(Map.of("name", "Pilot", "documentIds", List.of(doc),
                        "coders", List.of(team.coder(), team.coder2()), "codeIds", List.of(cost), "blind", true))
                .post(team.path("/agreement/rounds")).then().statusCode(201);
        Api.code(team.coder(), team.projectId(), doc, cost, 5, 11); // blind: the partner may not know of it
        Api.code(team.coder2(), team.projectId(), other, cost, 5, 11);

        try (Stream supervisor = new Stream(team.supervisor(), team.projectId());
                Stream partner = new Stream(team.coder2(), team.projectId())) {
            as(team.supervisor()).body(Map.of("intoCodeId", fees)).post(team.path("/codes/" + cost + "/merge"))
                    .then().statusCode(200);
            assertEquals(Set.of("codebook " + cost, "codings " + doc, "codings " + other), told(supervisor, 3));
            assertEquals(Set.of("codebook " + cost, "codings " + other), told(partner, 2));
            long price = Api.newCode(team.supervisor(), team.projectId(), "Price", null); // a barrier, and a notice
            var created = partner.next();
            assertEquals("codebook " + price, said(created), "the blind round's document was not told");
            assertEquals(Set.of("type", "documentId", "codeId", "seq"), fields(created.getValue()), "ids only");
            assertFalse(created.getValue().toString().contains("Price"), "no name in a notice");
            assertEquals("codebook " + price, said(supervisor.next()));

            as(team.supervisor()).delete(team.path("/codes/" + fees + "?codings=delete")).then().statusCode(204);
            assertEquals(Set.of("codebook " + fees, "codings " + doc, "codings " + other), told(supervisor, 3));
            assertEquals(Set.of("codebook " + fees, "codings " + other), told(partner, 2));
            as(team.supervisor()).body(Map.of("name", "Price of land", "version", 0))
                    .put(team.path("/codes/" + price)).then().statusCode(200);
            assertEquals("codebook " + price, said(partner.next()), "a rename is told; the round's document was not");
        }
    }

    /** The next {@code n} notices of a stream, each as "type id" (the document, or the code of a codebook notice). */
    private static Set<String> told(Stream stream, int n) throws InterruptedException {
        Set<String> told = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            told.add(said(stream.next()));
        }
        return told;
    }

    private static String said(Map.Entry<String, JsonNode> event) {
        JsonNode id = event.getValue().get(event.getKey().equals("codebook") ? "codeId" : "documentId");
        return event.getKey() + " " + id.asLong();
    }

    @Test
    void aProjectTheCallerIsNotAMemberOfIsNotFound() {
        Team team = Api.team("Live foreign");
        as(team.outsider()).accept("text/event-stream").get(team.path("/events")).then().statusCode(404);
    }

    private static Set<String> fields(JsonNode node) {
        return Set.copyOf(StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList());
    }
}
