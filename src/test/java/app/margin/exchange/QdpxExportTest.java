package app.margin.exchange;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QdpxExportTest {
    ExchangeFixture f;
    long codingMemoTarget;

    @BeforeEach
    void setUp() {
        f = new ExchangeFixture("QDPX export");
        int start = ExchangeFixture.P07.indexOf("I paid");
        codingMemoTarget = app.margin.support.Api.code(f.team.coder(), f.pid(), f.p07, f.migration, start, start + 6);
        memo(f.team.supervisor(), "PROJECT", null, "About", "A fictional project.");
        memo(f.team.supervisor(), "DOCUMENT", f.p07, null, "Long pauses.");
        memo(f.team.supervisor(), "CODE", f.work, "Scope", "Paid work only.");
        memo(f.team.coder(), "CODING", codingMemoTarget, null, "Debt to the broker 😀.");
    }

    void memo(String user, String type, Long target, String title, String body) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("targetType", type);
        m.put("targetId", target);
        m.put("title", title);
        m.put("body", body);
        as(user).body(m).post(f.team.path("/memos")).then().statusCode(201);
    }

    @Test
    void projectQdeValidatesAndCarriesTextsCodesCodingsNotesCasesAndVariables() throws Exception {
        byte[] qdpx = as(f.team.supervisor()).get(f.team.path("/export/qdpx")).then().statusCode(200)
                .contentType("application/zip").header("Content-Disposition", containsString("QDPX-export.qdpx"))
                .extract().asByteArray();
        Map<String, byte[]> entries = RefiQda.unzip(qdpx);
        RefiQda.validate(entries.get("project.qde"), "Project-mrt2019.xsd");
        assertEquals(3, entries.size(), "project.qde and two sources");
        Canonical c = Canonical.of(qdpx);
        assertEquals(Map.of("P07 interview", ExchangeFixture.P07, "P12 interview", ExchangeFixture.P12), c.texts());
        assertTrue(c.codes().contains("Migration > Arrival|" + "#f4a259|Definition of Arrival")
                || c.codes().stream().anyMatch(s -> s.startsWith("Migration > Arrival|#")), c.codes().toString());
        assertTrue(c.codes().contains("Work|#80cbc4|"), c.codes().toString());
        assertEquals(7, c.codings().size(), "5 master + the coder's 2");
        assertTrue(c.cases().contains("P07 [arrival_year=2010, birth_decade=1980s, gender=woman, source P07 interview]"),
                c.cases().toString());
        assertTrue(c.notes().contains("project :: About|A fictional project.|" + f.team.supervisor()), c.notes().toString());
        assertTrue(c.notes().contains("source P07 interview :: |Long pauses.|" + f.team.supervisor()), c.notes().toString());
        assertTrue(c.notes().contains("code Work :: Scope|Paid work only.|" + f.team.supervisor()), c.notes().toString());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("coding P07 interview|Migration|") && n.endsWith(
                " :: |Debt to the broker 😀.|" + f.team.coder())), c.notes().toString());
    }

    @Test
    void positionsAreCodePointsNotUtf16Units() throws Exception {
        String text = ExchangeFixture.P07;
        int emoji = text.indexOf("😀");
        int start = text.indexOf("I paid");
        assertEquals(emoji + 4, start, "😀 is two UTF-16 units, then ', '");
        Canonical c = Canonical.of(as(f.team.supervisor()).get(f.team.path("/export/qdpx")).then().extract().asByteArray());
        int quoteStart = text.indexOf("The 브로커");
        int quoteEnd = text.indexOf("years.") + 6;
        assertTrue(c.codings().contains("P07 interview|Migration|" + quoteStart + "-" + (quoteEnd - 1) + "|"
                + f.team.supervisor()), c.codings().toString());
        assertTrue(c.codings().contains("P07 interview|Migration|" + (start - 1) + "-" + (start + 5) + "|"
                + f.team.coder()), c.codings().toString());
        assertEquals(text.codePointCount(0, start), start - 1);
    }

    @Test
    void aViewerExportsOnlyWhatAViewerSees() throws Exception {
        Canonical c = Canonical.of(as(f.team.viewer()).get(f.team.path("/export/qdpx")).then().statusCode(200)
                .extract().asByteArray());
        assertEquals(5, c.codings().size(), "the master layer only");
        assertTrue(c.notes().stream().noneMatch(n -> n.startsWith("coding")), "no memo on a hidden coding");
        as(f.team.outsider()).get(f.team.path("/export/qdpx")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void textsSurviveAsUtf8() throws Exception {
        Map<String, byte[]> entries = RefiQda.unzip(as(f.team.viewer()).get(f.team.path("/export/qdpx")).then()
                .extract().asByteArray());
        assertTrue(entries.values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .anyMatch(s -> s.equals(ExchangeFixture.P07)));
    }
}
