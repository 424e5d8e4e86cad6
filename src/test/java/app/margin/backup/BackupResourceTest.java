package app.margin.backup;

import static app.margin.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Who may use the backup endpoints, and what a database Margin does not copy itself answers: the suite's in-memory
 * H2 (nothing on disk) or, in the PostgreSQL run, a pointer to pg_dump. Real backups: {@link BackupFileDatabaseTest}.
 */
@QuarkusTest
class BackupResourceTest {

    @Test
    void onlyAdministratorsMayMakeListOrDownloadBackups() {
        String owner = Api.newUser("owner");
        Api.newProject(owner, "Mine");
        as(owner).post("/api/v1/admin/backups").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("administrator"));
        as(owner).get("/api/v1/admin/backups").then().statusCode(403);
        as(owner).get("/api/v1/admin/backups/margin-20261201T101530Z.zip").then().statusCode(403);
        given().post("/api/v1/admin/backups").then().statusCode(401);
        given().get("/api/v1/admin/backups").then().statusCode(401);
    }

    @Test
    void aDatabaseMarginDoesNotCopyItselfIsExplained() {
        String kind = ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class);
        var answer = as(Api.ADMIN).post("/api/v1/admin/backups").then().statusCode(409)
                .contentType("application/problem+json");
        if (kind.startsWith("postgres")) {
            // the commands name this installation's own database, ready to paste
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
            String database = url.replaceAll(".*/([^/?]+).*", "$1");
            answer.body("detail", containsString("pg_dump")).body("database", equalTo("postgresql"))
                    .body("backupCommand", startsWith("pg_dump -Fc ")).body("backupCommand", endsWith(" " + database))
                    .body("restoreCommand", containsString("pg_restore --no-owner"));
        } else {
            answer.body("detail", containsString("in memory"));
        }
        as(Api.ADMIN).get("/api/v1/admin/backups").then().statusCode(200);
    }

    @Test
    void onlyNamesOfBackupsCanBeDownloaded() {
        for (String name : new String[] {"margin.mv.db", "..%2Fmargin.mv.db", "margin-20261201T101530Z.zip",
                "margin-2026.zip"}) {
            as(Api.ADMIN).get("/api/v1/admin/backups/" + name).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
