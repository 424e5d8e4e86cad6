package app.margin.search;

import static app.margin.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.audit.AuditLog;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One instance alone on its database (the embedded default: nothing to follow): a search compares its index with the
 * last change committed here, without reading the database's chain head, and still sees the caller's own change.
 */
@QuarkusTest
@TestProfile(SingleInstanceIndexTest.Alone.class)
class SingleInstanceIndexTest {
    public static class Alone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("margin.index-follow-interval", "0s");
        }
    }

    @Inject
    ProjectIndexes indexes;
    @Inject
    AuditLog audit;

    @Test
    void eachSearchSeesTheChangeJustMade() {
        Team team = Api.team("Alone");
        long pid = team.projectId();
        long doc = Api.importText(team.supervisor(), pid, "a.txt", "The broker waited at the border.", null);
        long waiting = Api.newCode(team.supervisor(), pid, "Waiting", null);
        long border = Api.newCode(team.supervisor(), pid, "Border", null);
        for (int i = 0; i < 5; i++) {
            Api.code(team.coder(), pid, doc, waiting, 4 + i, 10 + i);
            assertEquals(i + 1, total(team, "code:Waiting"), "the coding just made");
            assertEquals(audit.head(pid).seq(), indexes.appliedSeq(pid));
        }
        as(team.supervisor()).body(Map.of("intoCodeId", border)).post(team.path("/codes/" + waiting + "/merge"))
                .then().statusCode(200);
        assertEquals(5, total(team, "code:Border"), "the merge just made");
        assertEquals(audit.head(pid).seq(), indexes.appliedSeq(pid));
    }

    private static int total(Team team, String q) {
        return as(team.supervisor()).queryParam("q", q).queryParam("scope", "coded").get(team.path("/search")).then()
                .statusCode(200).extract().jsonPath().getInt("total");
    }
}
