package app.margin.identity;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every project-scoped endpoint goes through the one access check: an outsider gets 404 everywhere (the project's
 * existence is not revealed), and a VIEWER is refused every change with 403.
 */
@QuarkusTest
class ProjectAccessMatrixTest {
    Team team;
    List<Call> calls;

    record Call(String method, String path, Object body) {
    }

    @BeforeEach
    void setUp() {
        team = Api.team("Access matrix");
        long doc = Api.importText(team.supervisor(), team.projectId(), "a.txt", "Some interview text here.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "A code", null);
        long coding = Api.code(team.coder(), team.projectId(), doc, code, 0, 4);
        long memo = as(team.coder()).body(Map.of("targetType", "PROJECT", "body", "m")).post(team.path("/memos"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> codeBody = Map.of("name", "X", "version", 0);
        calls = List.of(
                new Call("PUT", "", Map.of("name", "N", "version", 0)),
                new Call("DELETE", "", null),
                new Call("POST", "/members", Map.of("username", team.outsider(), "role", "VIEWER")),
                new Call("PUT", "/members/" + team.coder(), Map.of("role", "VIEWER")),
                new Call("DELETE", "/members/" + team.coder(), null),
                new Call("PATCH", "/documents/" + doc, Map.of("title", "T")),
                new Call("DELETE", "/documents/" + doc, null),
                new Call("PUT", "/attributes", Map.of("cases", List.of(Map.of("case", "P1", "attributes", Map.of("a", "b"))))),
                new Call("POST", "/codes", Map.of("name", "New")),
                new Call("PUT", "/codes/" + code, codeBody),
                new Call("POST", "/codes/" + code + "/move", Map.of("version", 0)),
                new Call("POST", "/codes/" + code + "/merge", Map.of("intoCodeId", code)),
                new Call("DELETE", "/codes/" + code, null),
                new Call("POST", "/codings", Map.of("documentId", doc, "codeId", code, "start", 1, "end", 3)),
                new Call("PUT", "/codings/" + coding, Map.of("start", 0, "end", 5, "version", 0)),
                new Call("DELETE", "/codings/" + coding, null),
                new Call("POST", "/memos", Map.of("targetType", "PROJECT", "body", "x")),
                new Call("PUT", "/memos/" + memo, Map.of("body", "y", "version", 0)),
                new Call("DELETE", "/memos/" + memo, null));
    }

    @Test
    void anOutsiderGets404FromEveryProjectEndpoint() {
        List<String> reads = List.of("", "/members", "/documents", "/documents/1", "/cases", "/codes", "/codes/1",
                "/codings", "/codings/1", "/memos", "/audit", "/audit/verify");
        for (String read : reads) {
            as(team.outsider()).get(team.path(read)).then().statusCode(404).contentType("application/problem+json");
        }
        for (Call call : calls) {
            send(team.outsider(), call).then().statusCode(404);
        }
    }

    @Test
    void aViewerReadsButEveryChangeIsRefused() {
        for (String read : List.of("", "/members", "/documents", "/cases", "/codes", "/codings", "/memos")) {
            as(team.viewer()).get(team.path(read)).then().statusCode(200);
        }
        for (Call call : calls) {
            send(team.viewer(), call).then().statusCode(anyOf(equalTo(403), equalTo(404)))
                    .body("detail", not(emptyOrNullString()));
        }
        as(team.supervisor()).get(team.path("/audit")).then()
                .body("actor", not(hasItem(team.viewer())));
    }

    private io.restassured.response.Response send(String user, Call call) {
        var request = as(user);
        if (call.body() != null) {
            request = request.body(call.body());
        }
        return request.request(call.method(), team.path(call.path()));
    }
}
