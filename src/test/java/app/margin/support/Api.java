package app.margin.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers for REST tests: accounts, projects and members made through the public API. */
public final class Api {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Api() {
    }

    public static RequestSpecification as(String username) {
        String password = ADMIN.equals(username) ? ADMIN_PASSWORD : PASSWORD;
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON);
    }

    /** Signed in, without a content type: for multipart uploads and raw bodies. */
    public static RequestSpecification raw(String username) {
        String password = ADMIN.equals(username) ? ADMIN_PASSWORD : PASSWORD;
        return given().auth().preemptive().basic(username, password);
    }

    /** Imports one UTF-8 text file; returns the new document's id. */
    public static long importText(String username, long projectId, String fileName, String text, String kind) {
        var request = raw(username).multiPart("file", fileName, text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain");
        if (kind != null) {
            request = request.multiPart("kind", kind);
        }
        return request.post("/api/v1/projects/" + projectId + "/documents").then().statusCode(201)
                .extract().jsonPath().getLong("imported[0].id");
    }

    /** Adds a code; returns its id. */
    public static long newCode(String username, long projectId, String name, Long parentId) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("parentId", parentId);
        body.put("definition", "Definition of " + name);
        return as(username).body(body).post("/api/v1/projects/" + projectId + "/codes").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Applies a code in the caller's layer; returns the coding id. */
    public static long code(String username, long projectId, long documentId, long codeId, int start, int end) {
        return as(username).body(Map.of("documentId", documentId, "codeId", codeId, "start", start, "end", end))
                .post("/api/v1/projects/" + projectId + "/codings").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** A new local account with a name unique in this test run. */
    public static String newUser(String prefix) {
        String username = prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        as(ADMIN).body(Map.of("username", username, "password", PASSWORD)).post("/api/v1/users")
                .then().statusCode(201);
        return username;
    }

    /** A project owned by {@code owner}; returns its id. */
    public static long newProject(String owner, String name) {
        return as(owner).body(Map.of("name", name, "description", "test")).post("/api/v1/projects")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static void addMember(String owner, long projectId, String username, String role) {
        as(owner).body(Map.of("username", username, "role", role))
                .post("/api/v1/projects/" + projectId + "/members").then().statusCode(201);
    }

    /** A project with one member of each role; usernames are returned in the record. */
    public static Team team(String name) {
        Team team = new Team(newUser("owner"), newUser("supervisor"), newUser("coder"), newUser("coder2"),
                newUser("viewer"), newUser("outsider"), 0);
        long pid = newProject(team.owner(), name);
        addMember(team.owner(), pid, team.supervisor(), "SUPERVISOR");
        addMember(team.owner(), pid, team.coder(), "CODER");
        addMember(team.owner(), pid, team.coder2(), "CODER");
        addMember(team.owner(), pid, team.viewer(), "VIEWER");
        return team.withProject(pid);
    }

    public record Team(String owner, String supervisor, String coder, String coder2, String viewer, String outsider,
            long projectId) {
        Team withProject(long pid) {
            return new Team(owner, supervisor, coder, coder2, viewer, outsider, pid);
        }

        public String path(String rest) {
            return "/api/v1/projects/" + projectId + rest;
        }
    }
}
