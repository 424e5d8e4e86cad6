package app.margin.audit;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project home's reads (documents, codebook with counts, coding counts) carry a tag of the project's state:
 * 304 while nothing changed, a full answer after any change (also one by someone else), 404 for outsiders.
 */
@QuarkusTest
class ProjectStateTagsTest {

    @Test
    void theHomesReadsAreNotModifiedUntilTheProjectChanges() {
        Team team = Api.team("Tags");
        long doc = Api.importText(team.supervisor(), team.projectId(), "a.txt", "The broker found us in Yanji.", null);
        long code = Api.newCode(team.supervisor(), team.projectId(), "Broker", null);
        for (String read : List.of("/documents", "/codes", "/codings/counts")) {
            String tag = as(team.supervisor()).get(team.path(read)).then().statusCode(200).extract().header("ETag");
            as(team.supervisor()).header("If-None-Match", tag).get(team.path(read)).then().statusCode(304)
                    .header("ETag", tag);
            // another caller, another tag
            assertNotEquals(tag, as(team.coder()).get(team.path(read)).header("ETag"));
            as(team.outsider()).header("If-None-Match", tag).get(team.path(read)).then().statusCode(404);
        }
        String counts = as(team.supervisor()).get(team.path("/codings/counts")).header("ETag");
        String codes = as(team.supervisor()).get(team.path("/codes")).header("ETag");
        Api.code(team.coder(), team.projectId(), doc, code, 4, 10);
        as(team.supervisor()).header("If-None-Match", counts).get(team.path("/codings/counts")).then().statusCode(200)
                .body("[0].codings", equalTo(1)).body("[0].coder", equalTo(team.coder()));
        as(team.supervisor()).header("If-None-Match", codes).get(team.path("/codes")).then().statusCode(200)
                .body("[0].codings", equalTo(1));
    }
}
