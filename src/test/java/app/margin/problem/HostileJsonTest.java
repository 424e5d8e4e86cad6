package app.margin.problem;

import app.margin.support.DatabaseIndependent;
import static app.margin.support.Api.as;
import static app.margin.support.Refusals.refused;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON bodies: characters Margin does not store are refused in every string; a body too large is a true 413. */
@DatabaseIndependent
@QuarkusTest
class HostileJsonTest {
    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\ud800", "\\udc00", "\\u001b", "\\uffff"})
    void aCodeNameWithACharacterXmlCannotCarryIsRefused(String escape) {
        Team team = Api.team("Hostile JSON");
        refused(as(team.supervisor()).body("{\"name\":\"Arrival" + escape + "\"}").post(team.path("/codes")), 400,
                "The field 'name'", "which Margin does not store");
        assertEquals(0, as(team.viewer()).get(team.path("/codes")).then().statusCode(200).extract().jsonPath()
                .getList("$").size());
    }

    @Test
    void aSurrogatePairIsOneCharacterAndAccepted() {
        Team team = Api.team("Hostile JSON");
        as(team.supervisor()).body("{\"name\":\"Arrival \\ud83d\\ude00\"}").post(team.path("/codes")).then().statusCode(201);
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedAs413BeforeItIsRead() throws IOException {
        Team team = Api.team("Hostile JSON");
        String auth = Base64.getEncoder().encodeToString((team.coder() + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + team.path("/memos") + " HTTP/1.1\r\nHost: " + root.getHost() + "\r\nAuthorization: Basic "
                    + auth + "\r\nContent-Type: application/json\r\nContent-Length: " + (TextLimits.JSON_BODY_BYTES + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response, startsWith("HTTP/1.1 413"));
            assertThat(response, containsString("application/problem+json"));
            assertThat(response, containsString("Margin accepts at most 16.0 MB of JSON"));
        }
    }
}
