package app.margin.audit;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {
    @Inject
    EntityManager em;

    @Test
    void everyChangeIsRecordedWithWhoWhatAndBeforeAfter() {
        Team team = Api.team("Audit");
        long doc = Api.importText(team.supervisor(), team.projectId(), "a.txt", "Text of the interview.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Employment", null);
        as(team.supervisor()).body(Map.of("name", "Work", "version", 0)).put(team.path("/codes/" + code))
                .then().statusCode(200);
        long coding = Api.code(team.coder(), team.projectId(), doc, code, 0, 4);
        as(team.coder()).delete(team.path("/codings/" + coding)).then().statusCode(204);

        as(team.supervisor()).get(team.path("/audit")).then().statusCode(200)
                .body("action", contains("project.created", "member.added", "member.added", "member.added",
                        "member.added", "document.imported", "code.created", "code.updated", "coding.added",
                        "coding.removed"))
                .body("seq", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
                .body("[1].actor", equalTo(team.owner()))
                .body("[1].after.role", equalTo("SUPERVISOR"))
                .body("[5].targetId", equalTo((int) doc))
                .body("[5].after.file", equalTo("a.txt"))
                .body("[7].before.name", equalTo("Employment"))
                .body("[7].after.name", equalTo("Work"))
                .body("[8].actor", equalTo(team.coder()))
                .body("[9].targetId", equalTo((int) coding))
                .body("[9].before.start", equalTo(0))
                .body("[9].after", nullValue())
                .body("at", everyItem(notNullValue()));
        as(team.owner()).get(team.path("/audit?after=8")).then().body("seq", contains(9, 10));
    }

    @Test
    void onlySupervisorsAndOwnersReadTheLog() {
        Team team = Api.team("Audit roles");
        as(team.owner()).get(team.path("/audit")).then().statusCode(200);
        as(team.coder()).get(team.path("/audit")).then().statusCode(403).body("detail", containsString("audit log"));
        as(team.viewer()).get(team.path("/audit")).then().statusCode(403);
        as(team.outsider()).get(team.path("/audit")).then().statusCode(404);
    }

    @Test
    void theHashChainDetectsATamperedEvent() {
        Team team = Api.team("Tamper");
        Api.newCode(team.supervisor(), team.projectId(), "Trust and suspicion", null);
        as(team.owner()).get(team.path("/audit/verify")).then().statusCode(200)
                .body("valid", equalTo(true)).body("events", equalTo(6)).body("firstBrokenSeq", nullValue());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update audit_event set actor = 'someone-else' where project_id = ?1 and seq = 3")
                .setParameter(1, team.projectId()).executeUpdate());
        as(team.owner()).get(team.path("/audit/verify")).then().body("valid", equalTo(false))
                .body("firstBrokenSeq", equalTo(3));
    }
}
