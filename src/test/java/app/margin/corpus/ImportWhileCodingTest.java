package app.margin.corpus;

import static app.margin.support.Api.as;
import static app.margin.support.Api.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A long import commits file by file: its documents appear one after another while it runs, and a coder of the same
 * project codes meanwhile instead of waiting for the whole import (before, the import was one transaction holding the
 * project's audit chain until its end). The test orders events; it never measures time.
 */
@QuarkusTest
class ImportWhileCodingTest {
    static final int FILES = 200;

    @Test
    void documentsAppearAndCodersCodeWhileALongImportRuns() throws Exception {
        Team team = Api.team("Import while coding");
        long documentId = Api.importText(team.supervisor(), team.projectId(), "first.txt", paragraphs(1, 20), null);
        long codeId = Api.newCode(team.supervisor(), team.projectId(), "Arrival", null);
        int before = documentCount(team);

        var upload = raw(team.supervisor());
        for (int i = 0; i < FILES; i++) {
            upload = upload.multiPart("file", "batch-" + i + ".txt", paragraphs(i, 60).getBytes(StandardCharsets.UTF_8),
                    "text/plain");
        }
        var request = upload;
        CompletableFuture<Response> importing = CompletableFuture.supplyAsync(
                () -> request.post(team.path("/documents")));

        int seen = before;
        while (seen == before && !importing.isDone()) {
            seen = documentCount(team);
        }
        assertTrue(seen > before, "the import's first files are visible before the import has answered");
        assertFalse(importing.isDone(), "the import is still running when its first files are visible");

        as(team.coder()).body(java.util.Map.of("documentId", documentId, "codeId", codeId, "start", 0, "end", 10))
                .post(team.path("/codings")).then().statusCode(201);
        assertFalse(importing.isDone(), "the coder's coding was saved while the import was still running");

        Response answer = importing.get(5, TimeUnit.MINUTES);
        assertEquals(201, answer.statusCode());
        assertEquals(FILES, answer.jsonPath().getList("imported").size());
        assertEquals(before + FILES, documentCount(team));
    }

    private static int documentCount(Team team) {
        return as(team.supervisor()).get(team.path("/documents")).then().statusCode(200)
                .extract().jsonPath().getList("id").size();
    }

    /** Fictional interview-like text, long enough that a batch of it takes a while to import. */
    private static String paragraphs(int seed, int count) {
        StringBuilder text = new StringBuilder("Fictional test interview ").append(seed).append(".\n\n");
        for (int i = 0; i < count; i++) {
            text.append("Interviewer: What happened in year ").append(2000 + (seed + i) % 20).append("?\n\n")
                    .append("P").append(seed % 40).append(": We moved on from Seoul to New Malden, and the debt to ")
                    .append("the broker took years to repay; my sister stayed in Busan for a while.\n\n");
        }
        return text.toString();
    }
}
