package app.margin.identity;

import static app.margin.support.Api.as;

import app.margin.support.Api;
import app.margin.support.Api.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The project every cell of the authorization matrix is called against, with one object of each kind, and fresh
 * objects for calls that use theirs up (deleting, merging, undoing), so an allowed call really answers 2xx.
 * The outsider is a member of another project; the administrator is a member of none.
 */
final class AccessFixture {
    static final String TEXT = "Interviewer: How did you come here?\nParticipant: The broker took my money and we "
            + "walked for many days.";

    private final AtomicInteger sequence = new AtomicInteger();
    final Team team;
    final long pid;
    final long doc;
    final long code;
    final long coding;
    final long roundId;
    final byte[] qdpx;
    final String backupName;
    private final Path backupFile;

    AccessFixture() {
        team = Api.team("Authorization matrix");
        pid = team.projectId();
        Api.newProject(team.outsider(), "The outsider's own project");
        doc = Api.raw(team.owner()).multiPart("file", "p1.txt", TEXT.getBytes(), "text/plain").multiPart("case", "P1")
                .post(team.path("/documents")).then().statusCode(201).extract().jsonPath().getLong("imported[0].id");
        as(team.owner()).body(Map.of("cases", List.of(Map.of("case", "P1", "attributes", Map.of("region", "north")))))
                .put(team.path("/attributes")).then().statusCode(200);
        code = Api.newCode(team.owner(), pid, "Journey", null);
        coding = Api.code(team.coder(), pid, doc, code, 50, 60);
        Api.code(team.coder2(), pid, doc, code, 52, 66);
        roundId = newRound();
        qdpx = as(team.owner()).get(team.path("/export/qdpx")).then().statusCode(200).extract().asByteArray();
        backupName = "margin-20260101T000000Z-" + (System.nanoTime() % 1000) + ".zip";
        backupFile = backupDirectory().resolve(backupName);
        writeBackupFile();
    }

    String username(Caller who) {
        return switch (who) {
            case ANON -> null;
            case VIEWER -> team.viewer();
            case CODER -> team.coder();
            case SUPERVISOR -> team.supervisor();
            case OWNER -> team.owner();
            case OUTSIDER -> team.outsider();
            case ADMIN -> Api.ADMIN;
        };
    }

    /** Who makes a caller's "own" object: the caller when it may code here, else the coder (whose object it is then). */
    String author(Caller who) {
        return switch (who) {
            case CODER, SUPERVISOR, OWNER -> username(who);
            default -> team.coder();
        };
    }

    /** The caller when it is a member of the project (any role), else the coder. */
    String member(Caller who) {
        return switch (who) {
            case VIEWER, CODER, SUPERVISOR, OWNER -> username(who);
            default -> team.coder();
        };
    }

    String unique(String prefix) {
        return prefix + " " + sequence.incrementAndGet();
    }

    long freshDocument() {
        return Api.importText(team.owner(), pid, unique("doc") + ".txt", TEXT, null);
    }

    /** A personal API token of {@code user} (made with the password); returns its id. */
    long freshToken(String user) {
        return as(user).body(Map.of("name", unique("script"))).post("/api/v1/me/tokens").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    long freshCode() {
        return Api.newCode(team.owner(), pid, unique("Code"), null);
    }

    /** A coding in {@code user}'s own layer, on a code of its own so it never duplicates another. */
    long freshCoding(String user) {
        return Api.code(user, pid, doc, freshCode(), 0, 11);
    }

    long freshMemo(String user) {
        return as(user).body(Map.of("targetType", "PROJECT", "body", "A note")).post(team.path("/memos"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A coding made and removed by {@code user}, which they may put back. */
    long removedCoding(String user) {
        long coding = freshCoding(user);
        as(user).delete(team.path("/codings/" + coding)).then().statusCode(204);
        return coding;
    }

    /** A memo written and removed by {@code user}, which they may put back. */
    long removedMemo(String user) {
        long memo = freshMemo(user);
        as(user).delete(team.path("/memos/" + memo)).then().statusCode(204);
        return memo;
    }

    /** A blind round of the coder and the second coder on the fixture document and code. */
    long newRound() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("Round"));
        body.put("documentIds", List.of(doc));
        body.put("coders", List.of(team.coder(), team.coder2()));
        body.put("codeIds", List.of(code));
        return as(team.owner()).body(body).post(team.path("/agreement/rounds")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    Map<String, Object> rejection() {
        return Map.of("decision", "REJECT", "documentId", doc, "codeId", code, "start", 0, "end", 11);
    }

    long freshAdjudication() {
        return as(team.owner()).body(rejection()).post(team.path("/agreement/rounds/" + roundId + "/adjudications"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A batch of auto-codings in {@code user}'s layer, on a fresh code. */
    long freshBatch(String user) {
        return as(user).body(Map.of("q", "broker", "codeId", freshCode())).post(team.path("/search/autocode"))
                .then().statusCode(201).extract().jsonPath().getLong("batchId");
    }

    /** A member with no work of their own, whose role can be changed or who can be removed. */
    String freshMember() {
        String user = Api.newUser("member");
        Api.addMember(team.owner(), pid, user, "VIEWER");
        return user;
    }

    /** A project with the fixture's members in the same roles, to be deleted. */
    long freshProject() {
        long project = Api.newProject(team.owner(), unique("Doomed"));
        Api.addMember(team.owner(), project, team.supervisor(), "SUPERVISOR");
        Api.addMember(team.owner(), project, team.coder(), "CODER");
        Api.addMember(team.owner(), project, team.viewer(), "VIEWER");
        return project;
    }

    long version(String path) {
        return as(team.owner()).get(path).then().statusCode(200).extract().jsonPath().getLong("version");
    }

    /** A finished export job of {@code user}. */
    String finishedJob(String user) {
        String id = as(user).queryParam("type", "codebook").post(team.path("/export/jobs")).then().statusCode(202)
                .extract().jsonPath().getString("id");
        for (int poll = 0; poll < 600; poll++) {
            String state = as(user).get("/api/v1/exchange/jobs/" + id).then().statusCode(200).extract().jsonPath()
                    .getString("state");
            if ("DONE".equals(state)) {
                return id;
            }
            if (!"RUNNING".equals(state)) {
                throw new AssertionError("export job " + id + " ended " + state);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("export job " + id + " did not finish");
    }

    private static Path backupDirectory() {
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("margin.backup.dir", String.class).filter(d -> !d.isBlank()).map(Path::of)
                .orElse(Path.of(config.getValue("margin.data-dir", String.class)).resolve("backups"));
    }

    /** The test database lives in memory and cannot be backed up: a backup file on disk stands in for one. */
    private void writeBackupFile() {
        try {
            Files.createDirectories(backupFile.getParent());
            Files.write(backupFile, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() throws IOException {
        Files.deleteIfExists(backupFile);
    }

    enum Caller { ANON, VIEWER, CODER, SUPERVISOR, OWNER, OUTSIDER, ADMIN }
}
