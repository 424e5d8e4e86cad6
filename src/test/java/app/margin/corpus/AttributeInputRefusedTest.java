package app.margin.corpus;

import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static app.margin.support.Refusals.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad attribute tables and entries: 400 naming the field and its limit, and no case or attribute saved. */
@QuarkusTest
class AttributeInputRefusedTest {
    Team team;

    @BeforeEach
    void setUp() {
        team = Api.team("Attribute input");
    }

    private int cases() {
        return as(team.viewer()).get(team.path("/cases")).then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @Test
    void aCaseNameLongerThanItsColumnIsRefusedInJson() {
        refused(as(team.supervisor()).body(Map.of("cases", List.of(
                        Map.of("case", "P01", "attributes", Map.of("age", "34")),
                        Map.of("case", "P".repeat(201), "attributes", Map.of("age", "35")))))
                .put(team.path("/attributes")), 400, "'case'", "at most 200 characters");
        assertEquals(0, cases(), "the whole table is one change: the first row is not kept either");
    }

    @Test
    void aCaseNameLongerThanItsColumnIsRefusedInCsv() {
        refused(raw(team.supervisor()).contentType("text/csv").body("case,age\nP01,34\n" + "P".repeat(201) + ",35\n")
                .post(team.path("/attributes")), 400, "'case'", "at most 200 characters");
        assertEquals(0, cases());
    }

    @Test
    void anAttributeValueLongerThanItsColumnIsRefusedNamingTheAttribute() {
        refused(raw(team.supervisor()).multiPart("file", "a.csv", ("case,story\nP01," + "s".repeat(1001) + "\n")
                        .getBytes(StandardCharsets.UTF_8), "text/csv").post(team.path("/attributes")), 400,
                "'story'", "at most 1,000 characters");
        assertEquals(0, cases());
    }

    @Test
    void aCsvWithANulCharacterIsRefusedWithItsLine() {
        refused(raw(team.supervisor()).contentType("text/csv").body("case,age\nP01,3\u00004\n")
                .post(team.path("/attributes")), 400, "NUL character", "line 2");
        assertEquals(0, cases());
    }

    @Test
    void aJsonValueWithALoneSurrogateIsRefusedNamingTheField() {
        refused(as(team.supervisor()).body("{\"cases\":[{\"case\":\"P01\",\"attributes\":{\"origin\":\"x\\ud800y\"}}]}")
                .put(team.path("/attributes")), 400, "'cases[0].attributes.origin'", "unpaired surrogate, U+D800");
        assertEquals(0, cases());
    }
}
