package app.margin.backup;

import app.margin.support.Folders;
import static app.margin.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Backups of an H2 database in files, and restoring them with the restore command. */
@QuarkusTest
@TestProfile(FileDatabaseProfile.class)
class BackupFileDatabaseTest {
    private static final Path BACKUPS = FileDatabaseProfile.DATA.resolve("backups");
    private static final Path WORK = Path.of("target", "backup-restore-test").toAbsolutePath();

    @Test
    void aBackupIsAPrivateNeverOverwrittenZipOfTheDatabase() throws Exception {
        String owner = Api.newUser("owner");
        long pid = Api.newProject(owner, "Kept safe");
        Api.importText(owner, pid, "P01.txt", "Interviewer: Where from?\nP01: 청진. Then London 😀.\n", null);

        JsonPath first = as(Api.ADMIN).post("/api/v1/admin/backups").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/admin/backups/margin-\\d{8}T\\d{6}Z(-\\d+)?\\.zip"))
                .body("sizeBytes", greaterThan(0)).extract().jsonPath();
        JsonPath second = as(Api.ADMIN).post("/api/v1/admin/backups").then().statusCode(201).extract().jsonPath();
        assertNotEquals(first.getString("file"), second.getString("file"), "a second backup never overwrites");

        Path zip = BACKUPS.resolve(first.getString("file"));
        assertEquals(first.getLong("sizeBytes"), Files.size(zip));
        assertEquals(List.of(RestoreCommand.DATABASE_FILE), entries(zip));
        assertEquals(first.getString("sha256") + "  " + zip.getFileName() + "\n",
                Files.readString(BACKUPS.resolve(zip.getFileName() + ".sha256")), "sha256sum -c can check a copy");
        assertEquals(first.getString("sha256"), BackupService.sha256(zip));
        if (Files.getFileStore(zip).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    BACKUPS.resolve(zip.getFileName() + ".sha256"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(BACKUPS)));
        }
        try (var left = Files.list(BACKUPS)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".partial")), "no partial file left");
        }

        as(Api.ADMIN).get("/api/v1/admin/backups").then().statusCode(200)
                .body("[0].file", equalTo(second.getString("file")))
                .body("[1].file", equalTo(first.getString("file")))
                .body("[1].sha256", equalTo(first.getString("sha256")));
        byte[] downloaded = as(Api.ADMIN).get(first.getString("download")).then().statusCode(200)
                .contentType("application/zip").header("Content-Disposition", matchesPattern("attachment.*"))
                .extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(zip), downloaded);
    }

    @Test
    void theRestoreCommandMakesANewDataDirectoryOrRefusesWithTheReason() throws Exception {
        String owner = Api.newUser("owner");
        Api.newProject(owner, "Restore me");
        Path zip = BACKUPS.resolve(as(Api.ADMIN).post("/api/v1/admin/backups").then().statusCode(201).extract()
                .jsonPath().getString("file"));
        Folders.delete(WORK);
        Files.createDirectories(WORK);

        Path restored = WORK.resolve("restored");
        Run ok = restore(zip.toString(), restored.toString());
        assertEquals(RestoreCommand.OK, ok.code, ok.err);
        assertTrue(ok.out.contains("MARGIN_DATA_DIR=" + restored), ok.out);
        assertTrue(projectNames(restored).contains("Restore me"));
        if (Files.getFileStore(restored).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(restored)));
        }

        byte[] before = Files.readAllBytes(restored.resolve(RestoreCommand.DATABASE_FILE));
        Run again = restore(zip.toString(), restored.toString());
        assertEquals(RestoreCommand.REFUSED, again.code);
        assertTrue(again.err.contains("is not empty"), again.err);
        assertArrayEquals(before, Files.readAllBytes(restored.resolve(RestoreCommand.DATABASE_FILE)));

        Path damaged = WORK.resolve(zip.getFileName());
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(damaged, bytes);
        Files.copy(BACKUPS.resolve(zip.getFileName() + ".sha256"), WORK.resolve(zip.getFileName() + ".sha256"));
        Run broken = restore(damaged.toString(), WORK.resolve("from-damaged").toString());
        assertEquals(RestoreCommand.REFUSED, broken.code);
        assertTrue(broken.err.contains("does not match its checksum"), broken.err);
        assertFalse(Files.exists(WORK.resolve("from-damaged")));

        Path foreign = WORK.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(foreign))) {
            out.putNextEntry(new ZipEntry("../margin.mv.db"));
            out.write(1);
        }
        Run notOurs = restore(foreign.toString(), WORK.resolve("from-foreign").toString());
        assertEquals(RestoreCommand.REFUSED, notOurs.code);
        assertTrue(notOurs.err.contains("is not a Margin backup"), notOurs.err);
        assertFalse(Files.exists(WORK.resolve("from-foreign")));
        assertFalse(Files.exists(WORK.resolve("margin.mv.db")));

        assertEquals(RestoreCommand.USAGE, restore(zip.toString()).code);
    }

    private static List<String> projectNames(Path dataDir) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", "margin");
        login.setProperty("password", "margin");
        List<String> names = new ArrayList<>();
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + dataDir.resolve("margin")
                + ";IFEXISTS=TRUE", login); ResultSet r = c.createStatement().executeQuery("select name from project")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run restore(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new RestoreCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

}
