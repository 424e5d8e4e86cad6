package app.margin.problem;

import app.margin.support.DatabaseIndependent;
import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static app.margin.support.Refusals.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A multipart upload cut off on the way, or whose boundary is not the one announced: 400, and nothing imported. */
@DatabaseIndependent
@QuarkusTest
class BrokenUploadTest {
    private static final String BOUNDARY = "margin-boundary-7";
    private static final byte[] BODY = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"P01.txt\"\r\nContent-Type: text/plain\r\n\r\nInterviewer: Where were you born?\r\n--"
            + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    Team team;

    @BeforeEach
    void setUp() {
        team = Api.team("Broken uploads");
    }

    private String path(String target) {
        return target.startsWith("/import") ? "/api/v1/projects" + target : team.path(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/documents", "/attributes", "/import/qdpx"})
    void aTruncatedMultipartBodyIsRefused(String target) {
        byte[] cut = Arrays.copyOf(BODY, 100);
        refused(raw(team.supervisor()).contentType("multipart/form-data; boundary=" + BOUNDARY).body(cut)
                .post(path(target)), 400, "cut off or is malformed", "Send it again");
        assertNothingImported();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/documents", "/attributes", "/import/qdpx"})
    void aBoundaryMismatchIsRefused(String target) {
        refused(raw(team.supervisor()).contentType("multipart/form-data; boundary=another-boundary").body(BODY)
                .post(path(target)), 400, "cut off or is malformed");
        assertNothingImported();
    }

    private void assertNothingImported() {
        assertEquals(0, as(team.viewer()).get(team.path("/documents")).then().statusCode(200).extract().jsonPath()
                .getList("$").size());
        assertEquals(0, as(team.viewer()).get(team.path("/cases")).then().statusCode(200).extract().jsonPath()
                .getList("$").size());
        assertEquals(1, as(team.supervisor()).get("/api/v1/projects").then().statusCode(200).extract().jsonPath()
                .getList("$").size(), "no project was imported");
    }
}
