package app.margin.corpus;

import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.coding.StatisticsProfile;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How an import stores a document: its row and attributes written directly, not as an entity of the session (so the
 * commit has nothing to dirty-check), with every field as the researcher gave it; and text_unit keys handed out from
 * a cache large enough that a transcript's hundreds of turns do not make H2 write its sequence state again and again.
 */
@QuarkusTest
@TestProfile(StatisticsProfile.class)
class ImportStorageTest {
    /** More turns than H2's default identity cache (32), so the old schema wrote the sequence state ten times. */
    static final int TURNS = 320;

    @Inject
    EntityManagerFactory factory;

    @Inject
    DataSource dataSource;

    Team team;

    @BeforeEach
    void setUp() {
        team = Api.team("Import storage");
    }

    @Test
    void anImportedDocumentIsWrittenWithoutAnEntityInsertAndReadsBackWhole() throws Exception {
        StringBuilder text = new StringBuilder("Fictional interview.\n\n");
        for (int i = 0; i < TURNS; i++) {
            text.append(i % 2 == 0 ? "Interviewer: Question " : "P07: Answer with the 브로커 ").append(i).append(".\n\n");
        }
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        String manifest = """
                {"files": [{"file": "P07.txt", "title": "Interview with P07", "case": "P07", "date": "2014-05-02",
                  "place": "A café", "author": "R. L.", "attributes": {"Interview mode": "in person"}}]}""";

        Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        long id = raw(team.supervisor()).multiPart("file", "P07.txt", content, "text/plain")
                .multiPart("manifest", manifest, "application/json; charset=UTF-8")
                .post(team.path("/documents")).then().statusCode(201)
                .body("imported[0].units", equalTo(TURNS + 1))
                .extract().jsonPath().getLong("imported[0].id");
        // The case is new, so it is the one entity inserted; the document is not (statistics count every thread,
        // and nothing else inserts entities while an import runs).
        assertEquals(1, statistics.getEntityInsertCount(), "entities inserted by the import (the case only)");

        JsonPath doc = as(team.viewer()).get(team.path("/documents/" + id)).then().statusCode(200)
                .body("importedAt", notNullValue()).extract().jsonPath();
        assertEquals("Interview with P07", doc.getString("title"));
        assertEquals("TRANSCRIPT", doc.getString("kind"));
        assertEquals("en", doc.getString("language"));
        assertEquals(text.toString(), doc.getString("text"));
        assertEquals(text.length(), doc.getInt("length"));
        assertEquals("P07", doc.getString("caseName"));
        assertEquals("2014-05-02", doc.getString("date"));
        assertEquals("A café", doc.getString("place"));
        assertEquals("R. L.", doc.getString("author"));
        assertEquals("P07.txt", doc.getString("sourceFileName"));
        assertEquals("txt", doc.getString("sourceFormat"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                doc.getString("sourceSha256"));
        assertEquals(team.supervisor(), doc.getString("importedBy"));
        assertEquals(0, doc.getLong("version"));
        assertEquals("in person", doc.getString("attributes.interview_mode"));
        List<String> speakers = doc.getList("units.speaker");
        assertEquals(TURNS + 1, speakers.size());
        assertEquals("P07", speakers.getLast());

        // The metadata of a document imported this way can be changed as an entity (its version moves on).
        as(team.supervisor()).body("{\"title\": \"P07, first interview\", \"version\": 0}")
                .patch(team.path("/documents/" + id)).then().statusCode(200)
                .body("title", equalTo("P07, first interview")).body("version", equalTo(1));
    }

    @Test
    void textUnitKeysComeFromALargeCache() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            try (ResultSet cache = query.executeQuery(postgres
                    ? "select cache_size from pg_sequences where sequencename = "
                            + "substring(pg_get_serial_sequence('text_unit', 'id') from '[^.]+$')"
                    : "select identity_cache from information_schema.columns "
                            + "where lower(table_name) = 'text_unit' and lower(column_name) = 'id'")) {
                assertTrue(cache.next());
                assertTrue(cache.getLong(1) >= 1000, "text_unit's identity cache is " + cache.getLong(1));
            }
        }
    }
}
