package app.margin.exchange;

import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.margin.identity.AppUser;
import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExchangeJobTest {
    /** Polls until the job has finished; the number of polls is bounded, no time is asserted. */
    static JsonPath await(String user, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonPath job = as(user).get("/api/v1/exchange/jobs/" + id).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(job.getString("state"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Inject
    ExchangeJobs jobs;

    @Test
    void aJobThatRunsOutOfMemoryEndsFailedWithTheReasonInsteadOfRunningForever() throws Exception {
        String user = Api.newUser("hungry");
        AppUser caller = new AppUser();
        caller.id = as(user).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getLong("id");
        caller.username = user;
        String id = jobs.start("export-segments", caller, progress -> {
            throw new OutOfMemoryError("Java heap space");
        }).id();
        JsonPath failed = await(user, id);
        assertEquals("FAILED", failed.getString("state"));
        assertEquals(503, failed.getInt("problem.status"));
        as(user).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("Margin ran out of memory while answering this request"));
    }

    @Test
    void anExportJobReportsProgressAndDownloadsTheSameFile() throws Exception {
        ExchangeFixture f = new ExchangeFixture("Export job");
        JsonPath started = as(f.team.supervisor()).post(f.team.path("/export/jobs?type=qdpx")).then().statusCode(202)
                .extract().jsonPath();
        String id = started.getString("id");
        JsonPath done = await(f.team.supervisor(), id);
        assertEquals("DONE", done.getString("state"));
        assertEquals(100, done.getInt("progress"));
        assertEquals("Export-job.qdpx", done.getString("fileName"));
        byte[] file = as(f.team.supervisor()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        byte[] direct = as(f.team.supervisor()).get(f.team.path("/export/qdpx")).then().extract().asByteArray();
        assertEquals(Canonical.of(direct), Canonical.of(file));
        // jobs are private to whoever started them
        as(f.team.viewer()).get("/api/v1/exchange/jobs/" + id).then().statusCode(404).contentType("application/problem+json");
        as(f.team.viewer()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(404);
    }

    /** Files in the export spool (the test profile's data directory). */
    static List<Path> spooled() throws java.io.IOException {
        Path dir = Path.of("target/test-data/exports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void anExportJobKeepsItsFileOnDiskUntilTheJobIsForgotten() throws Exception {
        ExchangeFixture f = new ExchangeFixture("Spooled job");
        // a direct download leaves nothing behind
        as(f.team.supervisor()).get(f.team.path("/export/qdpx")).then().statusCode(200);
        String id = as(f.team.supervisor()).post(f.team.path("/export/jobs?type=qdpx")).then().statusCode(202)
                .extract().jsonPath().getString("id");
        assertEquals("DONE", await(f.team.supervisor(), id).getString("state"));
        List<Path> files = spooled();
        byte[] first = as(f.team.supervisor()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(200)
                .header("Content-Disposition", containsString("filename=\"Spooled-job.qdpx\"")).extract().asByteArray();
        // fetched again (a cut-off download retried): the same file
        byte[] again = as(f.team.supervisor()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(200)
                .extract().asByteArray();
        assertEquals(Canonical.of(first), Canonical.of(again));
        as(f.team.supervisor()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(200)
                .header("Content-Length", String.valueOf(first.length));
        Path file = files.stream().filter(p -> {
            try {
                return java.util.Arrays.equals(Files.readAllBytes(p), first);
            } catch (java.io.IOException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("the job's file is not in the spool: " + files));

        jobs.forgetFinishedBefore(java.time.Instant.now().plusSeconds(1));
        assertFalse(Files.exists(file), "the file of a forgotten job is deleted");
        as(f.team.supervisor()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(404);
    }

    @Test
    void segmentAndCodebookJobs() throws Exception {
        ExchangeFixture f = new ExchangeFixture("Segment job");
        String id = as(f.team.viewer()).post(f.team.path("/export/jobs?type=segments&format=md&codeId=" + f.work))
                .then().statusCode(202).extract().jsonPath().getString("id");
        assertEquals("DONE", await(f.team.viewer(), id).getString("state"));
        String md = new String(as(f.team.viewer()).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertEquals(true, md.startsWith("# Coded segments: Segment job\n\n## Work (2)"), md);
        String cb = as(f.team.viewer()).post(f.team.path("/export/jobs?type=codebook&format=docx")).then().statusCode(202)
                .extract().jsonPath().getString("id");
        assertEquals("DONE", await(f.team.viewer(), cb).getString("state"));
        as(f.team.viewer()).get("/api/v1/exchange/jobs/" + cb + "/result").then().statusCode(200)
                .contentType(ExchangeResource.DOCX);
    }

    @Test
    void badExportJobsAreRefusedAtOnce() {
        ExchangeFixture f = new ExchangeFixture("Bad job");
        as(f.team.viewer()).post(f.team.path("/export/jobs?type=pdf")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("segments, codebook or qdpx"));
        as(f.team.viewer()).post(f.team.path("/export/jobs?type=segments&format=pdf")).then().statusCode(400);
        as(f.team.outsider()).post(f.team.path("/export/jobs?type=qdpx")).then().statusCode(404);
        as(f.team.viewer()).get("/api/v1/exchange/jobs/no-such-job").then().statusCode(404);
    }

    @Test
    void anImportJobCreatesTheProjectOrFailsWithItsProblem() throws Exception {
        String me = Api.newUser("importer");
        byte[] qdpx = RefiQda.zip(HostileQdpxTest.archive(HostileQdpxTest.project(HostileQdpxTest.codebook()
                + HostileQdpxTest.source("<PlainTextSelection guid=\"" + QdpxImportTest.guid(1)
                + "\" startPosition=\"0\" endPosition=\"4\"><Coding guid=\"" + QdpxImportTest.guid(2)
                + "\"><CodeRef targetGUID=\"" + HostileQdpxTest.C1 + "\"/></Coding></PlainTextSelection>"))));
        String id = Api.raw(me).multiPart("file", "small.qdpx", qdpx).post("/api/v1/projects/import/qdpx/jobs").then()
                .statusCode(202).extract().jsonPath().getString("id");
        JsonPath done = await(me, id);
        assertEquals("DONE", done.getString("state"), done.prettify());
        long pid = done.getLong("result.projectId");
        as(me).get("/api/v1/exchange/jobs/" + id + "/result").then().statusCode(200).body("projectId", equalTo((int) pid))
                .body("report.codings", equalTo(1));
        as(me).get("/api/v1/projects/" + pid).then().statusCode(200).body("role", equalTo("OWNER"));

        Map<String, byte[]> broken = HostileQdpxTest.archive("<Project");
        String failing = Api.raw(me).multiPart("file", "broken.qdpx", RefiQda.zip(broken))
                .post("/api/v1/projects/import/qdpx/jobs").then().statusCode(202).extract().jsonPath().getString("id");
        JsonPath failed = await(me, failing);
        assertEquals("FAILED", failed.getString("state"));
        assertEquals(400, failed.getInt("problem.status"));
        as(me).get("/api/v1/exchange/jobs/" + failing + "/result").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not well-formed"));
        assertEquals(1, as(me).get("/api/v1/projects").then().extract().jsonPath().getList("id").size());
    }
}
