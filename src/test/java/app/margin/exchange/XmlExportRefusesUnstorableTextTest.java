package app.margin.exchange;

import static app.margin.support.Api.as;
import static app.margin.support.Refusals.refused;

import app.margin.codebook.Code;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text stored before Margin refused control characters can still hold them: the XML exports then fail with a problem
 * that says where, instead of writing a file no program can open. (U+0001 stands for them: PostgreSQL itself refuses
 * NUL and unpaired surrogates, so only H2 can hold those; the guard treats them all alike.)
 */
@QuarkusTest
class XmlExportRefusesUnstorableTextTest {
    Team team;

    @BeforeEach
    void setUp() {
        team = Api.team("XML export guard");
        QuarkusTransaction.requiringNew().run(() -> {
            Code code = new Code();
            code.projectId = team.projectId();
            code.name = "Arrival\u0001";
            code.definition = "Coming \u0001 to the UK.";
            code.color = "#e8a33d";
            code.createdAt = Instant.now();
            code.persist();
        });
    }

    @Test
    void theQdcCodebookIsRefusedNamingWhere() {
        refused(as(team.viewer()).get(team.path("/export/codebook?format=qdc")), 409,
                "the attribute 'name' of a <Code>", "a control character (U+0001)");
    }

    @Test
    void theQdpxProjectIsRefusedNamingWhere() {
        refused(as(team.viewer()).get(team.path("/export/qdpx")), 409, "<Code>", "which XML cannot carry");
    }

    @Test
    void theOtherCodebookFormatsStillExport() throws java.io.IOException {
        as(team.viewer()).get(team.path("/export/codebook?format=csv")).then().statusCode(200);
        byte[] docx = as(team.viewer()).get(team.path("/export/codebook?format=docx")).then().statusCode(200)
                .extract().asByteArray();
        // POI (XmlBeans) leaves out what XML cannot carry, so the Word file opens
        try (var document = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx))) {
            org.junit.jupiter.api.Assertions.assertTrue(document.getParagraphs().stream()
                    .anyMatch(p -> p.getText().contains("Arrival")));
        }
    }
}
