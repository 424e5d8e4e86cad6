package app.margin.identity.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.identity.AppUser;
import app.margin.identity.session.SessionCookie;
import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal API tokens: made once, stored as a hash, the same caller as their user, refused once revoked or expired. */
@QuarkusTest
class ApiTokenTest {
    @Inject
    ApiTokens tokens;
    @Inject
    EntityManager em;

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static JsonPath create(String user, Map<String, Object> body) {
        return Api.as(user).body(body).post("/api/v1/me/tokens").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void theSecretIsShownOnceTheListNeverShowsItAndItSignsTheUserIn() {
        String user = Api.newUser("pat");
        JsonPath created = create(user, Map.of("name", "import script"));
        String token = created.getString("token");
        assertTrue(token.matches("margin_pat_[A-Za-z0-9_-]{43}"), token);
        assertEquals("import script", created.getString("name"));
        assertTrue(token.startsWith(created.getString("hint")));
        assertEquals(TokenSecrets.PREFIX.length() + 8, created.getString("hint").length());

        String list = Api.as(user).get("/api/v1/me/tokens").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].name", equalTo("import script"))
                .body("[0].lastUsedAt", nullValue()).body("[0].expiresAt", nullValue()).body("[0].expired", is(false))
                .body("[0].token", nullValue()).extract().asString();
        assertFalse(list.contains(token.substring(TokenSecrets.PREFIX.length() + 8)), "the secret never appears again");

        bearer(token).get("/api/v1/me").then().statusCode(200).body("username", equalTo(user));
        Api.as(user).get("/api/v1/me/tokens").then().body("[0].lastUsedAt", notNullValue());
    }

    @Test
    void onlyTheHashIsStored() {
        String user = Api.newUser("hash");
        String token = create(user, Map.of("name", "stored")).getString("token");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.token_hash, t.hint, t.name from api_token t "
                + "join app_user u on u.id = t.user_id where u.username = ?1").setParameter(1, user).getResultList();
        assertEquals(1, rows.size());
        assertEquals(TokenSecrets.hash(token), rows.get(0)[0]);
        for (Object column : rows.get(0)) {
            assertFalse(column.toString().contains(token.substring(TokenSecrets.PREFIX.length() + 8)),
                    "no column holds the secret");
        }
    }

    @Test
    void aTokenIsItsUserEveryAccessRuleHolds() {
        Api.Team team = Api.team("tokens-access");
        String viewer = create(team.viewer(), Map.of("name", "viewer script")).getString("token");
        String outsider = create(team.outsider(), Map.of("name", "outsider script")).getString("token");
        String coder = create(team.coder(), Map.of("name", "coder script")).getString("token");
        long doc = Api.importText(team.owner(), team.projectId(), "a.txt", "Some words to code here.", null);
        long code = Api.newCode(team.owner(), team.projectId(), "Hope", null);

        bearer(viewer).get(team.path("/documents")).then().statusCode(200).body("size()", equalTo(1));
        bearer(viewer).body(Map.of("documentId", doc, "codeId", code, "start", 0, "end", 4))
                .post(team.path("/codings")).then().statusCode(403);
        bearer(outsider).get(team.path("/documents")).then().statusCode(404);
        // a changing request with a token needs no X-Margin-Request: no cookie, so no cross-site forgery
        long coding = bearer(coder).body(Map.of("documentId", doc, "codeId", code, "start", 0, "end", 4))
                .post(team.path("/codings")).then().statusCode(201).body("coder", equalTo(team.coder()))
                .extract().jsonPath().getLong("id");
        bearer(coder).delete(team.path("/codings/" + coding)).then().statusCode(204);
        bearer(viewer).get("/api/v1/users").then().statusCode(403);
    }

    @Test
    void aRevokedTokenIsRefusedSayingSo() {
        String user = Api.newUser("revoke");
        JsonPath created = create(user, Map.of("name", "old laptop"));
        String token = created.getString("token");
        bearer(token).get("/api/v1/me").then().statusCode(200);
        Api.as(user).delete("/api/v1/me/tokens/" + created.getLong("id")).then().statusCode(204);
        bearer(token).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", startsWith("This API token was revoked on "));
        Api.as(user).get("/api/v1/me/tokens").then().body("size()", equalTo(0));
        Api.as(user).delete("/api/v1/me/tokens/" + created.getLong("id")).then().statusCode(404);
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() {
        String user = Api.newUser("expired");
        long userId = AppUser.findByUsername(user).orElseThrow().id;
        String token = tokens.create(userId, "yesterday", Instant.now().minusSeconds(1)).token();
        bearer(token).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("detail", startsWith("This API token expired on "));
        Api.as(user).get("/api/v1/me/tokens").then().body("[0].expired", is(true));
    }

    @Test
    void longEndedTokensAreDeletedWhenTheirOwnerCreatesOne() {
        String user = Api.newUser("purge");
        long userId = AppUser.findByUsername(user).orElseThrow().id;
        String old = tokens.create(userId, "last year", Instant.now().minus(ApiTokens.KEEP_ENDED).minusSeconds(60))
                .token();
        String recent = tokens.create(userId, "last week", Instant.now().minus(7, ChronoUnit.DAYS)).token();
        bearer(old).get("/api/v1/me").then().statusCode(401).body("detail", startsWith("This API token expired"));
        create(user, Map.of("name", "new"));
        bearer(old).get("/api/v1/me").then().statusCode(401).body("detail", startsWith("This API token is not known"));
        bearer(recent).get("/api/v1/me").then().statusCode(401).body("detail", startsWith("This API token expired"));
        Api.as(user).get("/api/v1/me/tokens").then().body("name", containsInAnyOrder("new", "last week"));
    }

    @Test
    void expiryIsADateOrANumberOfDays() {
        String user = Api.newUser("expiry");
        Instant inDays = Instant.parse(create(user, Map.of("name", "a week", "expiresInDays", 7)).getString("expiresAt"));
        long hours = ChronoUnit.HOURS.between(Instant.now(), inDays);
        assertTrue(hours >= 7 * 24 - 1 && hours <= 7 * 24, "7 days ahead: " + inDays);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        Instant onDate = Instant.parse(create(user, Map.of("name", "a month", "expiresOn", day.toString()))
                .getString("expiresAt"));
        assertEquals(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), onDate, "works through that day (UTC)");

        Api.as(user).body(Map.of("name", "past", "expiresOn", "2020-01-01")).post("/api/v1/me/tokens").then()
                .statusCode(400).body("detail", containsString("in the past"));
        Api.as(user).body(Map.of("name", "zero", "expiresInDays", 0)).post("/api/v1/me/tokens").then().statusCode(400);
        Api.as(user).body(Map.of("name", "both", "expiresInDays", 3, "expiresOn", day.toString()))
                .post("/api/v1/me/tokens").then().statusCode(400);
        Api.as(user).body(Map.of("name", " ")).post("/api/v1/me/tokens").then().statusCode(400)
                .body("detail", containsString("name"));
    }

    @Test
    void aDisabledAccountsTokensAreRefused() {
        String user = Api.newUser("disabled");
        String token = create(user, Map.of("name", "cron")).getString("token");
        Api.as(Api.ADMIN).body(Map.of("enabled", false)).put("/api/v1/users/" + user + "/enabled").then().statusCode(200);
        bearer(token).get("/api/v1/me").then().statusCode(403).body("title", equalTo("Account disabled"));
        Api.as(Api.ADMIN).body(Map.of("enabled", true)).put("/api/v1/users/" + user + "/enabled").then().statusCode(200);
        bearer(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void anotherUsersTokenIsNotFound() {
        String owner = Api.newUser("mine");
        String other = Api.newUser("theirs");
        long id = create(owner, Map.of("name", "private")).getLong("id");
        Api.as(other).delete("/api/v1/me/tokens/" + id).then().statusCode(404);
        Api.as(other).get("/api/v1/me/tokens").then().body("size()", equalTo(0));
        Api.as(owner).get("/api/v1/me/tokens").then().body("size()", equalTo(1));
    }

    @Test
    void unknownAndMalformedTokensAreRefusedAndOtherBearerValuesAreNotMargins() {
        String made = TokenSecrets.newToken();
        bearer(made).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("detail", startsWith("This API token is not known to Margin."));
        bearer("margin_pat_short").get("/api/v1/me").then().statusCode(401)
                .body("detail", startsWith("This API token is not known to Margin."));
        // not Margin's prefix: left to other mechanisms (OIDC in the team profile); here nobody signs it in
        bearer("eyJhbGciOiJSUzI1NiJ9.e30.sig").get("/api/v1/me").then().statusCode(401)
                .body("detail", equalTo("Sign in to use Margin."));
    }

    @Test
    void tokensAreManagedWithAPasswordOrSessionNotWithAToken() {
        String user = Api.newUser("manage");
        JsonPath created = create(user, Map.of("name", "script"));
        String token = created.getString("token");
        bearer(token).body(Map.of("name", "successor")).post("/api/v1/me/tokens").then().statusCode(403)
                .body("detail", containsString("not with an API token"));
        bearer(token).get("/api/v1/me/tokens").then().statusCode(403);
        bearer(token).delete("/api/v1/me/tokens/" + created.getLong("id")).then().statusCode(403);

        String cookie = signIn(user);
        given().cookie(SessionCookie.NAME, cookie).header("X-Margin-Request", "1").contentType(ContentType.JSON)
                .body(Map.of("name", "from the browser")).post("/api/v1/me/tokens").then().statusCode(201)
                .body("token", startsWith(TokenSecrets.PREFIX));
    }

    @Test
    void administratorsListAndRevokeAnyonesTokens() {
        String user = Api.newUser("audited");
        JsonPath created = create(user, Map.of("name", "leaked"));
        Api.as(Api.ADMIN).get("/api/v1/users/" + user + "/tokens").then().statusCode(200)
                .body("name", contains("leaked")).body("[0].token", nullValue());
        Api.as(Api.newUser("nosy")).get("/api/v1/users/" + user + "/tokens").then().statusCode(403);
        Api.as(Api.ADMIN).delete("/api/v1/users/" + user + "/tokens/" + created.getLong("id")).then().statusCode(204);
        bearer(created.getString("token")).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aWrongTokenCostsNoPasswordCheck() {
        // a bad token is one hash and one index lookup: no bcrypt, so no sign-in throttling is needed to keep it cheap
        String token = TokenSecrets.newToken();
        for (int i = 0; i < 20; i++) {
            bearer(token).get("/api/v1/me").then().statusCode(401);
        }
        // the sign-in throttle counts password guesses only: a flood of bad tokens locks no account's password
        Api.as(Api.ADMIN).get("/api/v1/me").then().statusCode(200);
    }

    private static String signIn(String user) {
        Response response = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", Api.PASSWORD).post("/j_security_check");
        response.then().statusCode(302);
        return response.getCookie(SessionCookie.NAME);
    }
}
