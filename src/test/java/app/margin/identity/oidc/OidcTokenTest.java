package app.margin.identity.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.identity.AppUser;
import app.margin.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens from the identity provider: a good one makes the Margin user from its claims and is then held to
 * exactly the access rules of a local account; every kind of bad one is 401 problem+json and makes no user.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
@WithTestResource(OidcWiremockTestResource.class)
class OidcTokenTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static String newName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static boolean exists(String username) {
        return QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username).isPresent());
    }

    @Test
    void aGoodTokenMakesTheUserFromItsClaimsAndLaterTokensUpdateIt() {
        String name = newName("ines");
        assertFalse(exists(name));
        bearer(Tokens.valid(name)).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo(name)).body("displayName", equalTo("Dr. " + name))
                .body("email", equalTo(name + "@example.org")).body("admin", equalTo(false));
        assertTrue(exists(name));

        bearer(Tokens.signed(Tokens.claims(name).claim("name", "Ines Renamed").claim("email", "ines@example.net")))
                .get("/api/v1/me").then().statusCode(200)
                .body("displayName", equalTo("Ines Renamed")).body("email", equalTo("ines@example.net"));
        // still one account: the admin's list has it once
        List<String> names = Api.as(Api.ADMIN).get("/api/v1/users").then().statusCode(200).extract().jsonPath()
                .getList("username");
        assertEquals(1, names.stream().filter(name::equals).count());
    }

    @Test
    void badTokensAre401ProblemsAndMakeNoUser() throws Exception {
        Instant now = Instant.now();
        Map<String, java.util.function.Function<String, String>> faults = new java.util.LinkedHashMap<>();
        faults.put("expired", n -> Tokens.signed(Tokens.claims(n).issuedAt(now.minusSeconds(900))
                .expiresAt(now.minusSeconds(300))));
        faults.put("not yet valid", n -> Tokens.signed(Tokens.claims(n).claim("nbf", now.plusSeconds(600).getEpochSecond())));
        faults.put("wrong issuer", n -> Tokens.signed(Tokens.claims(n).issuer("https://elsewhere.example.com")));
        faults.put("wrong audience", n -> Tokens.signed(Tokens.claims(n).audience("another-app")));
        faults.put("bad signature", n -> {
            try {
                return Tokens.foreignSignature(n);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        faults.put("alg none", Tokens::unsigned);
        faults.put("not a token", n -> "this-is-not-a-jwt");
        for (var fault : faults.entrySet()) {
            String name = newName("mallory");
            bearer(fault.getValue().apply(name)).get("/api/v1/me").then()
                    .statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            assertFalse(exists(name), fault.getKey() + ": no user may be made");
        }
    }

    @Test
    void aTokenWithoutTheUsernameClaimIsRefusedSayingWhy() {
        String subject = newName("nameless");
        String token = Tokens.signed(Tokens.claims(subject).remove("preferred_username"));
        bearer(token).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("preferred_username"));
        assertFalse(exists(subject));
        assertFalse(exists("sub-" + subject));

        String tooLong = "x".repeat(101);
        bearer(Tokens.valid(tooLong)).get("/api/v1/me").then().statusCode(401)
                .body("detail", containsString("at most 100"));
        assertFalse(exists(tooLong));
    }

    @Test
    void anOidcUserIsHeldToTheSameAccessRulesAsALocalOne() {
        Api.Team team = Api.team("oidc-rules");
        String name = newName("olga");
        String token = Tokens.valid(name);
        bearer(token).get("/api/v1/me").then().statusCode(200);

        // a project they are not a member of does not exist for them
        bearer(token).get(team.path("")).then().statusCode(404).contentType("application/problem+json");
        bearer(token).get(team.path("/codes")).then().statusCode(404);

        Api.addMember(team.owner(), team.projectId(), name, "VIEWER");
        bearer(token).get(team.path("/codes")).then().statusCode(200);
        bearer(token).body(Map.of("name", "From a viewer")).post(team.path("/codes")).then().statusCode(403);

        Api.as(team.owner()).body(Map.of("role", "SUPERVISOR")).put(team.path("/members/" + name))
                .then().statusCode(200);
        bearer(token).body(Map.of("name", "From a supervisor")).post(team.path("/codes")).then().statusCode(201);
    }

    @Test
    void projectGroupsSeedMembershipsOnceAndTheAdminRoleMakesAnAdministrator() {
        Api.Team team = Api.team("oidc-groups");
        String name = newName("gus");
        String token = Tokens.signed(Tokens.claims(name)
                .claim("groups", List.of("/margin:" + team.projectId() + ":CODER", "margin:999999:OWNER", "staff"))
                .claim("realm_access", Map.of("roles", List.of("margin-admin"))));
        bearer(token).get("/api/v1/me").then().statusCode(200).body("admin", equalTo(true));
        bearer(token).get(team.path("/members")).then().statusCode(200);
        String role = Api.as(team.owner()).get(team.path("/members")).then().statusCode(200).extract().jsonPath()
                .getString("find { it.username == '" + name + "' }.role");
        assertEquals("CODER", role);
        String audit = Api.as(team.owner()).get(team.path("/audit")).then().statusCode(200).extract().asString();
        assertTrue(audit.contains("identity provider group"), audit);
        // the owner's change wins over the group at the next sign-in
        Api.as(team.owner()).body(Map.of("role", "VIEWER")).put(team.path("/members/" + name))
                .then().statusCode(200);
        bearer(token).get("/api/v1/me").then().statusCode(200);
        assertEquals("VIEWER", Api.as(team.owner()).get(team.path("/members")).then().extract().jsonPath()
                .getString("find { it.username == '" + name + "' }.role"));
    }

    @Test
    void aDisabledOidcUserIsRefusedAndALocalAccountIsNeverTakenOver() {
        String name = newName("dora");
        bearer(Tokens.valid(name)).get("/api/v1/me").then().statusCode(200);
        Api.as(Api.ADMIN).body(Map.of("enabled", false)).put("/api/v1/users/" + name + "/enabled").then()
                .statusCode(200);
        bearer(Tokens.valid(name)).get("/api/v1/me").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("disabled"));

        String local = Api.newUser("local");
        bearer(Tokens.valid(local)).get("/api/v1/me").then().statusCode(401)
                .body("detail", containsString("local account"));
        bearer(Tokens.valid(Api.ADMIN)).get("/api/v1/users").then().statusCode(401);
    }

    @Test
    void withoutCredentialsTheApiAnswers401AndTheSignInButtonStartsTheCodeFlowWithPkce() {
        given().redirects().follow(false).get("/api/v1/projects").then().statusCode(401)
                .contentType("application/problem+json");
        given().redirects().follow(false).get("/sign-in/oidc").then().statusCode(302)
                .header("Location", containsString("/realms/quarkus"))
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("client_id=" + OidcProfile.CLIENT));
        given().get("/api/v1/session/info").then().statusCode(200).body("singleSignOn", equalTo("Example SSO"))
                .body("localAccounts", equalTo(true));
    }

    @Test
    void marginsOwnApiTokensAreNotSentToTheIdentityProvider() {
        // Margin's token mechanism (or, without one, nobody) answers this one, never the identity provider's check.
        bearer("margin_pat_" + "a".repeat(40)).get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.not(containsString("bearer token was not accepted")));
        bearer("not_margin_" + "a".repeat(40)).get("/api/v1/me").then().statusCode(401)
                .body("detail", containsString("bearer token was not accepted"));
    }
}
