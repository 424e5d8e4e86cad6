package app.margin.corpus;

import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AttributeResourceTest {

    @Test
    void caseAttributesFromJsonReachTheCaseAndItsDocuments() {
        Team team = Api.team("Attributes");
        long doc = Api.importText(team.supervisor(), team.projectId(), "P07.txt", "Interview text.", null);
        as(team.supervisor()).body(Map.of(
                        "cases", List.of(Map.of("case", "P07", "attributes",
                                Map.of("Gender", "female", "birth decade", "1970s", "arrival_year", "2010"))),
                        "documents", List.of(Map.of("documentId", doc, "case", "P07",
                                "attributes", Map.of("interview_mode", "in person")))))
                .put(team.path("/attributes")).then().statusCode(200)
                .body("casesCreated", equalTo(1)).body("documentsUpdated", equalTo(1));
        as(team.viewer()).get(team.path("/cases")).then()
                .body("[0].name", equalTo("P07"))
                .body("[0].attributes.gender", equalTo("female"))
                .body("[0].attributes.birth_decade", equalTo("1970s"))
                .body("[0].documentIds", contains((int) doc));
        as(team.viewer()).get(team.path("/documents/" + doc)).then()
                .body("caseName", equalTo("P07"))
                .body("attributes.arrival_year", equalTo("2010"))
                .body("attributes.interview_mode", equalTo("in person"));
        as(team.supervisor()).body(Map.of("cases", List.of(Map.of("case", "P07", "attributes", Map.of("gender", "")))))
                .put(team.path("/attributes")).then().statusCode(200);
        as(team.viewer()).get(team.path("/cases")).then().body("[0].attributes.gender", nullValue());
    }

    @Test
    void aCsvTableSetsCaseAttributesAndLinksDocuments() {
        Team team = Api.team("Attributes CSV");
        long doc = Api.importText(team.supervisor(), team.projectId(), "P01.txt", "Interview text.", null);
        String csv = "case,gender,arrival_year,occupation\nP01,female,2009,\"kitchen, restaurant\"\nP02,male,2010,decorator\n";
        raw(team.supervisor()).contentType("text/csv").body(csv).post(team.path("/attributes")).then().statusCode(200)
                .body("casesUpdated", equalTo(2)).body("casesCreated", equalTo(2));
        as(team.viewer()).get(team.path("/cases")).then()
                .body("name", contains("P01", "P02"))
                .body("[0].attributes.occupation", equalTo("kitchen, restaurant"));
        String byDocument = "document;case;interviewer\nP01.txt;P01;RL\n";
        raw(team.supervisor()).multiPart("file", "docs.csv", byDocument.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post(team.path("/attributes")).then().statusCode(200).body("documentsUpdated", equalTo(1));
        as(team.viewer()).get(team.path("/documents/" + doc)).then()
                .body("caseName", equalTo("P01")).body("attributes.gender", equalTo("female"))
                .body("attributes.interviewer", equalTo("RL"));
    }

    @Test
    void badAttributeInputIsExplained() {
        Team team = Api.team("Attributes bad");
        raw(team.supervisor()).contentType("text/csv").body("name,gender\nP01,female\n").post(team.path("/attributes"))
                .then().statusCode(400).body("detail", containsString("'case' column"));
        raw(team.supervisor()).contentType("text/csv").body("document,gender\nnope.txt,female\n")
                .post(team.path("/attributes")).then().statusCode(400).body("detail", containsString("nope.txt"));
        raw(team.supervisor()).contentType("text/csv").body("").post(team.path("/attributes"))
                .then().statusCode(400);
        raw(team.supervisor()).multiPart("file", "x.csv", new byte[] {'c', 'a', 's', 'e', '\n', (byte) 0xC3, (byte) 0x28},
                "text/csv").post(team.path("/attributes")).then().statusCode(400).body("detail", containsString("UTF-8"));
        as(team.supervisor()).body(Map.of("cases", List.of(Map.of("attributes", Map.of("a", "b")))))
                .put(team.path("/attributes")).then().statusCode(400).body("detail", containsString("'case' name"));
        as(team.coder()).body(Map.of("cases", List.of(Map.of("case", "P1", "attributes", Map.of("a", "b")))))
                .put(team.path("/attributes")).then().statusCode(403);
    }
}
