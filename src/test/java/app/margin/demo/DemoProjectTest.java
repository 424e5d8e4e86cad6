package app.margin.demo;

import static app.margin.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo project is built from sample-corpus/ on a fresh database (demo mode is on in tests). */
@QuarkusTest
class DemoProjectTest {

    static RequestSpecification demo(String user) {
        return given().auth().preemptive().basic(user, "demo");
    }

    static long demoProject() {
        return demo("demo-supervisor").get("/api/v1/projects").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == '" + DemoProjectLoader.PROJECT_NAME + "' }.id");
    }

    @Test
    void demoAccountsSignInWithTheirRoles() {
        long pid = demoProject();
        demo("demo-coder1").get("/api/v1/projects/" + pid).then().statusCode(200).body("role", equalTo("CODER"));
        demo("demo-coder2").get("/api/v1/projects/" + pid).then().statusCode(200).body("role", equalTo("CODER"));
        demo("demo-supervisor").get("/api/v1/projects/" + pid).then().body("role", equalTo("SUPERVISOR"));
        as("admin").get("/api/v1/projects/" + pid).then().body("role", equalTo("OWNER"));
    }

    @Test
    void theCorpusHasInterviewsAFocusGroupAndFieldNotes() {
        long pid = demoProject();
        List<Map<String, Object>> docs = demo("demo-supervisor").get("/api/v1/projects/" + pid + "/documents")
                .then().statusCode(200).extract().jsonPath().getList("$");
        long interviews = docs.stream().filter(d -> "TRANSCRIPT".equals(d.get("kind")) && d.get("caseName") != null).count();
        long focusGroups = docs.stream().filter(d -> "TRANSCRIPT".equals(d.get("kind")) && d.get("caseName") == null).count();
        List<Map<String, Object>> notes = docs.stream().filter(d -> "FIELD_NOTE".equals(d.get("kind"))).toList();
        assertTrue(interviews >= 12, "at least 12 interviews, found " + interviews);
        assertTrue(focusGroups >= 1, "a focus group");
        assertTrue(notes.size() >= 4, "at least 4 field notes");
        notes.forEach(n -> {
            assertTrue(n.get("date") != null && n.get("place") != null && n.get("author") != null, "field note metadata " + n);
        });
        assertTrue(docs.stream().anyMatch(d -> "ko".equals(d.get("language"))), "one interview mostly in Korean");
    }

    @Test
    void interviewsAreLongTranscriptsWithSpeakerTurnsAndSomeHaveHangulAndTimestamps() {
        long pid = demoProject();
        List<Map<String, Object>> docs = demo("demo-supervisor").get("/api/v1/projects/" + pid + "/documents")
                .then().extract().jsonPath().getList("findAll { it.caseName != null }");
        int withHangul = 0;
        int withTimestamps = 0;
        for (Map<String, Object> d : docs) {
            JsonPath doc = demo("demo-supervisor").get("/api/v1/projects/" + pid + "/documents/" + d.get("id"))
                    .then().extract().jsonPath();
            String text = doc.getString("text");
            int words = text.split("\\s+").length;
            assertTrue(words >= 1500, d.get("title") + " has " + words + " words");
            Set<String> speakers = doc.<String>getList("units.speaker").stream().filter(s -> s != null)
                    .collect(Collectors.toSet());
            assertTrue(speakers.size() >= 2, d.get("title") + " has speaker turns: " + speakers);
            withHangul += text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL) ? 1 : 0;
            withTimestamps += doc.getList("units.timestamp").stream().anyMatch(t -> t != null) ? 1 : 0;
        }
        assertTrue(withHangul >= 3, "Hangul in at least three interviews: " + withHangul);
        assertTrue(withTimestamps >= 1, "some interviews have timestamps");
    }

    @Test
    void casesCarryTheirAttributes() {
        long pid = demoProject();
        demo("demo-coder1").get("/api/v1/projects/" + pid + "/cases").then()
                .body("size()", greaterThanOrEqualTo(12))
                .body("find { it.name == 'P07' }.attributes.gender", equalTo("female"))
                .body("find { it.name == 'P07' }.attributes.arrival_year", equalTo("2010"))
                .body("find { it.name == 'P07' }.documentIds.size()", equalTo(1));
    }

    @Test
    void theCodebookFollowsTheDomainThemes() {
        long pid = demoProject();
        demo("demo-coder1").get("/api/v1/projects/" + pid + "/codes").then()
                .body("findAll { it.parentId == null }.name", hasItems("Reasons for leaving South Korea", "The journey",
                        "Life in the UK", "Wellbeing and agency"))
                .body("find { it.name == 'Broker role' }.path", equalTo("The journey > Broker role"))
                .body("find { it.name == 'Broker role' }.definition", not(emptyOrNullString()))
                .body("find { it.name == 'Cost and debt' }.inclusion", not(emptyOrNullString()));
    }

    @Test
    void twoDemoCodersCodedTheSameFourInterviewsIndependently() {
        long pid = demoProject();
        List<Map<String, Object>> all = demo("demo-supervisor").get("/api/v1/projects/" + pid + "/codings")
                .then().extract().jsonPath().getList("$");
        Map<String, Set<Object>> documentsByCoder = all.stream().collect(Collectors.groupingBy(
                c -> (String) c.get("coder"), Collectors.mapping(c -> c.get("documentId"), Collectors.toSet())));
        assertEquals(Set.of("demo-coder1", "demo-coder2"), documentsByCoder.keySet());
        assertTrue(documentsByCoder.get("demo-coder1").size() >= 4);
        assertEquals(documentsByCoder.get("demo-coder1"), documentsByCoder.get("demo-coder2"));
        assertTrue(all.size() >= 4 * 2 * 15, "15+ codings per coder per transcript, found " + all.size());
        demo("demo-coder1").get("/api/v1/projects/" + pid + "/codings").then()
                .body("coder", everyItem(equalTo("demo-coder1")));
    }
}
