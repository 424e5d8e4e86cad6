package app.margin.project;

import static app.margin.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import app.margin.identity.AppUser;
import app.margin.support.Api;
import app.margin.support.Api.Team;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectResourceTest {

    @Test
    void createdProjectIsListedWithTheOwnerRole() {
        String owner = Api.newUser("alice");
        long pid = Api.newProject(owner, "Onward migration");
        as(owner).get("/api/v1/projects").then().statusCode(200)
                .body("find { it.id == " + pid + " }.name", equalTo("Onward migration"))
                .body("find { it.id == " + pid + " }.role", equalTo("OWNER"));
    }

    @Test
    void projectWithoutNameIsRefusedWithAProblem() {
        as(Api.newUser("bob")).body(Map.of("name", " ")).post("/api/v1/projects").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("A project needs a name"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void anonymousCallerIsAskedToSignIn() {
        given().get("/api/v1/projects").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("detail", equalTo("Sign in to use Margin."));
        given().auth().preemptive().basic(Api.ADMIN, "wrong").get("/api/v1/projects").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("password is wrong"));
    }

    @Test
    void outsiderGets404ForAForeignProjectAndDoesNotSeeItListed() {
        Team team = Api.team("Secret project");
        as(team.outsider()).get(team.path("")).then().statusCode(404)
                .contentType("application/problem+json");
        as(team.outsider()).get(team.path("/members")).then().statusCode(404);
        as(team.outsider()).get("/api/v1/projects").then().statusCode(200)
                .body("id", not(hasItem((int) team.projectId())));
    }

    @Test
    void ownerManagesMembersAndRoles() {
        Team team = Api.team("Members");
        as(team.owner()).get(team.path("/members")).then().statusCode(200)
                .body("size()", equalTo(5))
                .body("find { it.username == '" + team.viewer() + "' }.role", equalTo("VIEWER"));
        as(team.owner()).body(Map.of("role", "CODER")).put(team.path("/members/" + team.viewer()))
                .then().statusCode(200).body("role", equalTo("CODER"));
        as(team.owner()).delete(team.path("/members/" + team.viewer())).then().statusCode(204);
        as(team.viewer()).get(team.path("")).then().statusCode(404);
    }

    @Test
    void onlyOwnersManageMembers() {
        Team team = Api.team("Roles");
        String newcomer = Api.newUser("newcomer");
        for (String notOwner : new String[] {team.supervisor(), team.coder(), team.viewer()}) {
            as(notOwner).body(Map.of("username", newcomer, "role", "VIEWER")).post(team.path("/members"))
                    .then().statusCode(403).body("detail", containsString("cannot manage members"));
        }
        as(team.outsider()).body(Map.of("username", newcomer, "role", "VIEWER")).post(team.path("/members"))
                .then().statusCode(404);
    }

    @Test
    void memberBadInputIsExplained() {
        Team team = Api.team("Bad members");
        as(team.owner()).body(Map.of("username", "nobody-here", "role", "CODER")).post(team.path("/members"))
                .then().statusCode(404).body("detail", containsString("no user named 'nobody-here'"));
        as(team.owner()).body(Map.of("username", team.coder(), "role", "BOSS")).post(team.path("/members"))
                .then().statusCode(400).body("detail", containsString("VIEWER, CODER, SUPERVISOR, OWNER"));
        as(team.owner()).body(Map.of("username", team.coder(), "role", "CODER")).post(team.path("/members"))
                .then().statusCode(409).body("detail", containsString("already a member"));
    }

    @Test
    void aMemberCanBeAddedByTheEMailTheirIdentityProviderGave() {
        Team team = Api.team("Members by e-mail");
        String person = Api.newUser("sso-person");
        String twinA = Api.newUser("twin-a");
        String twinB = Api.newUser("twin-b");
        // E-mail addresses arrive from the identity provider's token at sign-in (OIDC); set them directly here.
        QuarkusTransaction.requiringNew().run(() -> {
            AppUser.findByUsername(person).orElseThrow().email = "Min-ji.Kim@uni.example";
            AppUser.findByUsername(twinA).orElseThrow().email = "shared@uni.example";
            AppUser.findByUsername(twinB).orElseThrow().email = "shared@uni.example";
        });
        as(team.owner()).body(Map.of("username", "min-ji.kim@UNI.example", "role", "CODER")).post(team.path("/members"))
                .then().statusCode(201).body("username", equalTo(person)).body("role", equalTo("CODER"));
        as(team.owner()).get(team.path("/audit")).then().body("findAll { it.action == 'member.added' }.after.username",
                hasItem(person));
        as(team.owner()).body(Map.of("username", "shared@uni.example", "role", "CODER")).post(team.path("/members"))
                .then().statusCode(409).body("detail", containsString("add the person by their user name"));
        as(team.owner()).body(Map.of("username", "nobody@uni.example", "role", "CODER")).post(team.path("/members"))
                .then().statusCode(404).body("detail", containsString("none with that e-mail address"));
    }

    @Test
    void theLastOwnerCannotLeave() {
        Team team = Api.team("Last owner");
        as(team.owner()).delete(team.path("/members/" + team.owner())).then().statusCode(409)
                .body("detail", containsString("at least one owner"));
        as(team.owner()).body(Map.of("role", "VIEWER")).put(team.path("/members/" + team.owner()))
                .then().statusCode(409);
    }

    @Test
    void renameNeedsTheCurrentVersion() {
        Team team = Api.team("Rename");
        long version = as(team.owner()).get(team.path("")).then().extract().jsonPath().getLong("version");
        as(team.owner()).body(Map.of("name", "Renamed", "version", version)).put(team.path(""))
                .then().statusCode(200).body("name", equalTo("Renamed"));
        as(team.owner()).body(Map.of("name", "Again", "version", version)).put(team.path(""))
                .then().statusCode(409).body("detail", containsString("changed by someone else"));
    }

    @Test
    void onlyTheOwnerDeletesAndTheProjectIsGone() {
        Team team = Api.team("To delete");
        as(team.supervisor()).delete(team.path("")).then().statusCode(403);
        as(team.owner()).delete(team.path("")).then().statusCode(204);
        as(team.owner()).get(team.path("")).then().statusCode(404);
    }
}
