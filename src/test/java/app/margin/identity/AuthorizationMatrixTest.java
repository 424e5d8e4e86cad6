package app.margin.identity;

import static app.margin.identity.AccessRequest.ids;
import static app.margin.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.margin.identity.AccessFixture.Caller;
import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: every operation in {@code /q/openapi}, called as each kind of caller, against one declared table.
 *
 * <p>Columns, in this order: anonymous, VIEWER, CODER, SUPERVISOR and OWNER of the project, a member of another project
 * (using this project's ids) and an administrator who is a member of none. A cell is
 * <ul>
 *   <li>{@code ok}: the call is allowed and answers 2xx (each row sends a valid request so that it can);</li>
 *   <li>{@code 401}, {@code 403}, {@code 404}: refused with that status and a problem+json detail (404 for
 *       non-members, so a project's existence is not revealed);</li>
 *   <li>any other status, e.g. {@code 409}: access passed and the request was refused for the reason its row
 *       explains (kept rare, and exact).</li>
 * </ul>
 * An operation of the OpenAPI document without a row fails {@link #everyOperationHasARowAndEveryRowAnOperation}, and
 * so does a row whose operation no longer exists.
 *
 * <p><b>Adding an endpoint:</b> add one {@code row("METHOD /path/{template}", "anon viewer coder supervisor owner
 * outsider admin", (f, who) -> ids(...)...)} line to {@link #TABLE}. {@code ids(...)} gives the path parameters in
 * the template's order (the fixture's {@code pid}, {@code doc}, {@code code}, {@code coding}, {@code roundId}, or a
 * fresh object from {@link AccessFixture} for calls that use theirs up); add {@code .json(body)}, {@code .text(type,
 * body)}, {@code .file(name, bytes)} or {@code .query(name, value)} as the call needs. {@code who} is the caller, for
 * calls on the caller's own objects ({@code f.author(who)}, {@code f.member(who)}). A variant row (a second row
 * of one operation, e.g. on
 * another user's object) carries a description as its second argument. When the test fails it prints the row as it
 * was answered, in this notation.
 */
@QuarkusTest
class AuthorizationMatrixTest {
    private static final String PUBLIC = "ok  ok  ok  ok  ok  ok  ok";
    private static final String ADMIN_ONLY = "401 403 403 403 403 403 ok";
    private static final String SIGNED_IN = "401 ok  ok  ok  ok  ok  ok";
    private static final String READ = "401 ok  ok  ok  ok  404 404";
    private static final String CODE = "401 403 ok  ok  ok  404 404";
    private static final String SUPERVISE = "401 403 403 ok  ok  404 404";
    private static final String OWN = "401 403 403 403 ok  404 404";
    private static final String P = "/api/v1/projects/{pid}";
    private static final String ROUND = P + "/agreement/rounds/{rid}";

    /** The one table: one row per operation (and a few variant rows). */
    static final List<Row> TABLE = List.of(
            // ---- accounts and the installation
            row("GET /api/v1/me", SIGNED_IN, (f, who) -> ids()),
            row("PUT /api/v1/me/password", SIGNED_IN, (f, who) -> ids().json(samePassword(who))),
            // signing out needs no sign-in: a browser whose session already ended can still clear its cookie
            row("POST /api/v1/session/logout", PUBLIC, (f, who) -> ids()),
            // what the sign-in page shows before anyone signs in (demo mode)
            row("GET /api/v1/session/info", PUBLIC, (f, who) -> ids()),
            row("GET /api/v1/users", ADMIN_ONLY, (f, who) -> ids()),
            row("POST /api/v1/users", ADMIN_ONLY, (f, who) -> ids().json(Map.of("username",
                    "new-" + System.nanoTime(), "password", Api.PASSWORD))),
            row("PUT /api/v1/users/{username}/enabled", ADMIN_ONLY,
                    (f, who) -> ids(Api.newUser("account")).json(Map.of("enabled", true))),
            row("PUT /api/v1/users/{username}/password", ADMIN_ONLY,
                    (f, who) -> ids(Api.newUser("account")).json(Map.of("newPassword", "a-new-" + Api.PASSWORD))),
            row("GET /api/v1/admin/backups", ADMIN_ONLY, (f, who) -> ids()),
            // the test database is in memory: the administrator passes the check and is told there is nothing to copy
            row("POST /api/v1/admin/backups", "401 403 403 403 403 403 409", (f, who) -> ids()),
            row("GET /api/v1/admin/backups/{name}", ADMIN_ONLY, (f, who) -> ids(f.backupName)),
            // API tokens: everyone's own (with the password here; a token itself may not manage tokens, ApiTokenTest)
            row("GET /api/v1/me/tokens", SIGNED_IN, (f, who) -> ids()),
            row("POST /api/v1/me/tokens", SIGNED_IN, (f, who) -> ids().json(Map.of("name", f.unique("script")))),
            row("DELETE /api/v1/me/tokens/{id}", SIGNED_IN,
                    (f, who) -> ids(f.freshToken(who == Caller.ANON ? f.team.coder() : f.username(who)))),
            row("DELETE /api/v1/me/tokens/{id}", "another user's token", "401 404 404 404 404 404 404",
                    (f, who) -> ids(f.freshToken(f.team.coder2()))),
            row("GET /api/v1/users/{username}/tokens", ADMIN_ONLY, (f, who) -> ids(f.team.coder2())),
            row("DELETE /api/v1/users/{username}/tokens/{id}", ADMIN_ONLY,
                    (f, who) -> ids(f.team.coder2(), f.freshToken(f.team.coder2()))),
            row("POST /api/v1/agreement/matrix", SIGNED_IN,
                    (f, who) -> ids().text("text/csv", "a,b\nyes,yes\nno,no\nyes,no\n")),
            // a job is its starter's: a non-member is asked for the coder's job
            row("GET /api/v1/exchange/jobs/{id}", READ, (f, who) -> ids(f.finishedJob(f.member(who)))),
            row("GET /api/v1/exchange/jobs/{id}/result", READ, (f, who) -> ids(f.finishedJob(f.member(who)))),

            // ---- projects and members
            row("GET /api/v1/projects", SIGNED_IN, (f, who) -> ids()),
            row("POST /api/v1/projects", SIGNED_IN, (f, who) -> ids().json(Map.of("name", f.unique("Mine")))),
            row("POST /api/v1/projects/import/qdpx", SIGNED_IN, (f, who) -> ids().file("p.qdpx", f.qdpx)),
            row("POST /api/v1/projects/import/qdpx/jobs", SIGNED_IN, (f, who) -> ids().file("p.qdpx", f.qdpx)),
            row("GET " + P, READ, (f, who) -> ids(f.pid)),
            row("PUT " + P, OWN, (f, who) -> ids(f.pid).json(Map.of("name", "Authorization matrix",
                    "version", f.version(f.team.path(""))))),
            row("DELETE " + P, OWN, (f, who) -> ids(f.freshProject())),
            row("GET " + P + "/members", READ, (f, who) -> ids(f.pid)),
            row("POST " + P + "/members", OWN, (f, who) -> ids(f.pid).json(Map.of("username",
                    Api.newUser("joiner"), "role", "VIEWER"))),
            row("PUT " + P + "/members/{username}", OWN, (f, who) -> ids(f.pid, f.freshMember()).json(Map.of("role",
                    "CODER"))),
            row("DELETE " + P + "/members/{username}", OWN, (f, who) -> ids(f.pid, f.freshMember())),
            row("GET " + P + "/audit", SUPERVISE, (f, who) -> ids(f.pid)),
            row("GET " + P + "/audit/verify", SUPERVISE, (f, who) -> ids(f.pid)),

            // ---- documents, cases and attributes
            row("GET " + P + "/documents", READ, (f, who) -> ids(f.pid)),
            row("POST " + P + "/documents", SUPERVISE, (f, who) -> ids(f.pid).file(f.unique("new") + ".txt",
                    AccessFixture.TEXT.getBytes())),
            row("GET " + P + "/documents/{did}", READ, (f, who) -> ids(f.pid, f.doc)),
            row("GET " + P + "/documents/{did}/view", READ, (f, who) -> ids(f.pid, f.doc)),
            row("PATCH " + P + "/documents/{did}", SUPERVISE, (f, who) -> ids(f.pid, f.doc).json(Map.of("place",
                    "Seoul"))),
            row("DELETE " + P + "/documents/{did}", SUPERVISE, (f, who) -> ids(f.pid, f.freshDocument())),
            row("GET " + P + "/cases", READ, (f, who) -> ids(f.pid)),
            row("PUT " + P + "/attributes", SUPERVISE, (f, who) -> ids(f.pid).json(Map.of("cases",
                    List.of(Map.of("case", "P1", "attributes", Map.of("region", "north")))))),
            row("POST " + P + "/attributes", SUPERVISE,
                    (f, who) -> ids(f.pid).text("text/csv", "case,region\nP1,north\n")),

            // ---- codebook
            row("GET " + P + "/codes", READ, (f, who) -> ids(f.pid)),
            row("POST " + P + "/codes", SUPERVISE, (f, who) -> ids(f.pid).json(Map.of("name", f.unique("New code")))),
            row("GET " + P + "/codes/{cid}", READ, (f, who) -> ids(f.pid, f.code)),
            row("PUT " + P + "/codes/{cid}", SUPERVISE, (f, who) -> ids(f.pid, f.freshCode()).json(Map.of("name",
                    f.unique("Renamed"), "version", 0))),
            row("DELETE " + P + "/codes/{cid}", SUPERVISE, (f, who) -> ids(f.pid, f.freshCode())),
            row("POST " + P + "/codes/{cid}/move", SUPERVISE, (f, who) -> ids(f.pid, f.freshCode()).json(Map.of(
                    "parentId", f.code, "version", 0))),
            row("POST " + P + "/codes/{cid}/merge", SUPERVISE, (f, who) -> ids(f.pid, f.freshCode()).json(Map.of(
                    "intoCodeId", f.code))),
            row("GET " + P + "/codes/{codeId}/segments", READ, (f, who) -> ids(f.pid, f.code)),

            // ---- codings and memos (a VIEWER and non-members are shown the coder's objects)
            row("GET " + P + "/codings", READ, (f, who) -> ids(f.pid)),
            row("GET " + P + "/codings/counts", READ, (f, who) -> ids(f.pid)),
            row("GET " + P + "/events", READ, (f, who) -> ids(f.pid).stream()),
            row("GET " + P + "/codings/layers", READ, (f, who) -> ids(f.pid).query("documentId", String.valueOf(f.doc))),
            row("POST " + P + "/codings", CODE, (f, who) -> ids(f.pid).json(Map.of("documentId", f.doc, "codeId",
                    f.code, "start", 12, "end", 20))),
            // the coder's own coding: the viewer may not see another's layer
            row("GET " + P + "/codings/{cid}", "401 404 ok  ok  ok  404 404", (f, who) -> ids(f.pid, f.coding)),
            row("PUT " + P + "/codings/{cid}", CODE, (f, who) -> ids(f.pid, f.freshCoding(f.author(who)))
                    .json(Map.of("start", 1, "end", 11, "version", 0))),
            row("PUT " + P + "/codings/{cid}", "another coder's coding", "401 403 404 403 403 404 404",
                    (f, who) -> ids(f.pid, f.freshCoding(f.team.coder2())).json(Map.of("start", 1, "end", 11,
                            "version", 0))),
            row("DELETE " + P + "/codings/{cid}", CODE, (f, who) -> ids(f.pid, f.freshCoding(f.author(who)))),
            row("DELETE " + P + "/codings/{cid}", "another coder's coding", "401 403 404 403 403 404 404",
                    (f, who) -> ids(f.pid, f.freshCoding(f.team.coder2()))),
            row("POST " + P + "/codings/batches/{batchId}/undo", CODE,
                    (f, who) -> ids(f.pid, f.freshBatch(f.author(who)))),
            row("POST " + P + "/codings/batches/{batchId}/undo", "another coder's batch", "401 403 403 403 403 404 404",
                    (f, who) -> ids(f.pid, f.freshBatch(f.team.coder2()))),
            // Undo of a removal: only who removed it puts it back; for anyone else there is nothing to restore
            row("POST " + P + "/codings/{cid}/restore", CODE, (f, who) -> ids(f.pid, f.removedCoding(f.author(who)))),
            row("POST " + P + "/codings/{cid}/restore", "another coder's removed coding", "401 403 404 404 404 404 404",
                    (f, who) -> ids(f.pid, f.removedCoding(f.team.coder2()))),
            row("POST " + P + "/memos/{mid}/restore", CODE, (f, who) -> ids(f.pid, f.removedMemo(f.author(who)))),
            row("POST " + P + "/memos/{mid}/restore", "another coder's removed memo", "401 403 404 404 404 404 404",
                    (f, who) -> ids(f.pid, f.removedMemo(f.team.coder2()))),
            row("GET " + P + "/memos", READ, (f, who) -> ids(f.pid)),
            row("POST " + P + "/memos", CODE, (f, who) -> ids(f.pid).json(Map.of("targetType", "DOCUMENT",
                    "targetId", f.doc, "body", "A thought"))),
            row("PUT " + P + "/memos/{mid}", CODE, (f, who) -> ids(f.pid, f.freshMemo(f.author(who)))
                    .json(Map.of("body", "Changed", "version", 0))),
            row("PUT " + P + "/memos/{mid}", "another coder's memo", "401 403 403 403 403 404 404",
                    (f, who) -> ids(f.pid, f.freshMemo(f.team.coder2())).json(Map.of("body", "Changed", "version", 0))),
            row("DELETE " + P + "/memos/{mid}", CODE, (f, who) -> ids(f.pid, f.freshMemo(f.author(who)))),
            // owners may remove anyone's memo
            row("DELETE " + P + "/memos/{mid}", "another coder's memo", OWN,
                    (f, who) -> ids(f.pid, f.freshMemo(f.team.coder2()))),

            // ---- search and auto-coding
            row("GET " + P + "/search", READ, (f, who) -> ids(f.pid).query("q", "broker")),
            row("POST " + P + "/search/index/rebuild", SUPERVISE, (f, who) -> ids(f.pid)),
            row("POST " + P + "/search/autocode/preview", CODE, (f, who) -> ids(f.pid).json(Map.of("q", "broker",
                    "codeId", f.code))),
            row("POST " + P + "/search/autocode", CODE, (f, who) -> ids(f.pid).json(Map.of("q", "walked",
                    "codeId", f.code))),

            // ---- analysis
            row("GET " + P + "/cooccurrence", READ, (f, who) -> ids(f.pid)),
            row("GET " + P + "/cooccurrence/attributes", READ, (f, who) -> ids(f.pid).query("attribute", "region")),
            row("GET " + P + "/cooccurrence/documents", READ, (f, who) -> ids(f.pid)),
            row("GET " + P + "/cooccurrence/pairs", READ, (f, who) -> ids(f.pid).query("first", f.code)
                    .query("second", f.freshCode())),
            row("GET " + P + "/keywords", READ, (f, who) -> ids(f.pid).query("codeId", f.code)),

            // ---- exports
            row("GET " + P + "/export/segments", READ, (f, who) -> ids(f.pid)),
            row("GET " + P + "/export/codebook", READ, (f, who) -> ids(f.pid)),
            row("GET " + P + "/export/qdpx", READ, (f, who) -> ids(f.pid)),
            row("POST " + P + "/export/jobs", READ, (f, who) -> ids(f.pid).query("type", "codebook")),

            // ---- agreement rounds (coders see the rounds they code in; everything else is supervision)
            row("GET " + P + "/agreement/rounds", READ, (f, who) -> ids(f.pid)),
            row("POST " + P + "/agreement/rounds", SUPERVISE, (f, who) -> ids(f.pid).json(Map.of("name",
                    f.unique("Pilot"), "documentIds", List.of(f.doc), "coders", List.of(f.team.coder(),
                            f.team.coder2()), "codeIds", List.of(f.code)))),
            row("GET " + ROUND, "401 404 ok  ok  ok  404 404", (f, who) -> ids(f.pid, f.roundId)),
            row("DELETE " + ROUND, SUPERVISE, (f, who) -> ids(f.pid, f.newRound())),
            row("POST " + ROUND + "/reveal", SUPERVISE, (f, who) -> ids(f.pid, f.newRound())),
            row("GET " + ROUND + "/agreement", SUPERVISE, (f, who) -> ids(f.pid, f.roundId)),
            row("GET " + ROUND + "/report", SUPERVISE, (f, who) -> ids(f.pid, f.roundId)),
            row("GET " + ROUND + "/disagreements", SUPERVISE, (f, who) -> ids(f.pid, f.roundId)),
            row("GET " + ROUND + "/drift", SUPERVISE, (f, who) -> ids(f.pid, f.roundId).query("codeId", f.code)
                    .query("coderA", f.team.coder()).query("coderB", f.team.coder2())),
            row("GET " + ROUND + "/adjudications", SUPERVISE, (f, who) -> ids(f.pid, f.roundId)),
            row("POST " + ROUND + "/adjudications", SUPERVISE, (f, who) -> ids(f.pid, f.roundId).json(f.rejection())),
            row("POST " + ROUND + "/adjudications/{aid}/undo", SUPERVISE,
                    (f, who) -> ids(f.pid, f.roundId, f.freshAdjudication())));

    @Test
    void everyOperationHasARowAndEveryRowAnOperation() {
        Set<String> documented = documentedOperations();
        Set<String> declared = TABLE.stream().map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(declared);
        Set<String> stale = new TreeSet<>(declared);
        stale.removeAll(documented);
        StringBuilder message = new StringBuilder();
        for (String op : missing) {
            message.append("\n  no row for ").append(op).append(": add row(\"").append(op)
                    .append("\", \"anon viewer coder supervisor owner outsider admin\", (f, who) -> ids(...))");
        }
        for (String op : stale) {
            message.append("\n  a row names ").append(op).append(", which /q/openapi does not list: remove it");
        }
        assertTrue(message.isEmpty(), "The authorization table and the API differ:" + message);
    }

    @Test
    void everyCallerGetsExactlyWhatTheTableSays() throws Exception {
        AccessFixture f = new AccessFixture();
        try {
            List<String> mismatches = new ArrayList<>();
            for (Row row : TABLE) {
                String[] answered = new String[Caller.values().length];
                boolean differs = false;
                StringBuilder why = new StringBuilder();
                for (Caller who : Caller.values()) {
                    Expect expect = row.expected().get(who.ordinal());
                    AccessRequest.Answer response = row.call().apply(f, who).send(f.username(who), row.method(),
                            row.template());
                    answered[who.ordinal()] = Expect.describe(response.status());
                    String problem = expect.check(response);
                    if (problem != null) {
                        differs = true;
                        why.append("\n      ").append(who).append(": ").append(problem);
                    }
                }
                if (differs) {
                    mismatches.add("row(\"" + row.operation() + "\"" + (row.variant() == null ? "" : ", \""
                            + row.variant() + "\"") + ", \"" + String.join(" ", answered) + "\")" + why);
                }
            }
            assertEquals(List.of(), mismatches, "Answers that differ from the table (each row as it was answered):\n"
                    + String.join("\n", mismatches));
            // refused calls left no trace: nobody outside the working roles appears in the fixture project's audit log
            List<String> actors = as(f.team.owner()).queryParam("limit", 1000).get(f.team.path("/audit")).then()
                    .statusCode(200).extract().jsonPath().getList("actor", String.class);
            assertTrue(actors.stream().noneMatch(Set.of(f.team.viewer(), f.team.outsider(), Api.ADMIN)::contains),
                    "a refused caller changed the project: " + new TreeSet<>(actors));
        } finally {
            f.close();
        }
    }

    private static Set<String> documentedOperations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> operations = new TreeSet<>();
        Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
        paths.forEach((path, ops) -> ops.keySet().stream().filter(methods::contains)
                .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
        return operations;
    }

    private static Map<String, String> samePassword(Caller who) {
        String password = who == Caller.ADMIN ? Api.ADMIN_PASSWORD : Api.PASSWORD;
        return Map.of("currentPassword", password, "newPassword", password);
    }

    private static Row row(String operation, String cells, BiFunction<AccessFixture, Caller, AccessRequest> call) {
        return row(operation, null, cells, call);
    }

    private static Row row(String operation, String variant, String cells,
            BiFunction<AccessFixture, Caller, AccessRequest> call) {
        String[] parts = operation.split(" ", 2);
        List<Expect> expected = Arrays.stream(cells.trim().split("\\s+")).map(Expect::parse).toList();
        if (expected.size() != Caller.values().length) {
            throw new IllegalArgumentException(operation + ": " + expected.size() + " cells, not "
                    + Caller.values().length);
        }
        return new Row(parts[0], parts[1], variant, expected, call);
    }

    record Row(String method, String template, String variant, List<Expect> expected,
            BiFunction<AccessFixture, Caller, AccessRequest> call) {
        String operation() {
            return method + " " + template;
        }
    }

    /** One cell: 0 means allowed (2xx); otherwise the exact status. */
    record Expect(int status) {
        static Expect parse(String token) {
            return new Expect("ok".equals(token) ? 0 : Integer.parseInt(token));
        }

        static String describe(int status) {
            return status / 100 == 2 ? "ok" : String.valueOf(status);
        }

        /** Null when the answer is the expected one, else what was wrong. */
        String check(AccessRequest.Answer response) {
            int got = response.status();
            if (status == 0) {
                return got / 100 == 2 ? null : "expected 2xx, got " + got + " " + response.detail();
            }
            if (got != status) {
                return "expected " + status + ", got " + got + " " + response.detail();
            }
            String type = response.contentType();
            if (type == null || !type.startsWith("application/problem+json") || response.detail().isBlank()) {
                return status + " without a problem+json detail (" + type + ")";
            }
            return null;
        }
    }
}
