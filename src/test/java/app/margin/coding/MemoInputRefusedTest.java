package app.margin.coding;

import static app.margin.support.Api.as;
import static app.margin.support.Refusals.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.problem.TextLimits;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memos are bounded, and a PROJECT memo cannot be attached to another project. */
@QuarkusTest
class MemoInputRefusedTest {
    Team team;

    @BeforeEach
    void setUp() {
        team = Api.team("Memo input");
    }

    private int memos(Team of) {
        return as(of.owner()).get(of.path("/memos")).then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @Test
    void aMemoBodyOverTheLimitIsRefusedNamingTheLimit() {
        refused(as(team.coder()).body(Map.of("targetType", "PROJECT", "body", "m".repeat(TextLimits.MEMO_BODY + 1)))
                .post(team.path("/memos")), 400, "body", "The body can be at most 100,000 characters.");
        assertEquals(0, memos(team));
    }

    @Test
    void aMemoBodyOfTheLimitIsStored() {
        as(team.coder()).body(Map.of("targetType", "PROJECT", "body", "m".repeat(TextLimits.MEMO_BODY)))
                .post(team.path("/memos")).then().statusCode(201);
    }

    @Test
    void aProjectMemoNamingAnotherProjectIsRefused() {
        Team other = Api.team("Another project");
        refused(as(team.coder()).body(Map.of("targetType", "PROJECT", "targetId", other.projectId(), "body", "Note"))
                .post(team.path("/memos")), 400, "there is no project " + other.projectId() + " here (targetId)");
        assertEquals(0, memos(team));
        assertEquals(0, memos(other));
    }

    @Test
    void aProjectMemoNamingItsOwnProjectIsStored() {
        as(team.coder()).body(Map.of("targetType", "PROJECT", "targetId", team.projectId(), "body", "Note"))
                .post(team.path("/memos")).then().statusCode(201);
    }
}
