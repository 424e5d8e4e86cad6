package app.margin.identity;

import static app.margin.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import app.margin.support.Api;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountResourceTest {
    @Inject
    EntityManager em;

    @Test
    void theFirstAdminComesFromMarginAdminPassword() {
        as(Api.ADMIN).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo("admin")).body("admin", equalTo(true));
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String user = Api.newUser("hashed");
        String hash = (String) em.createNativeQuery("select password_hash from app_user where username = ?1")
                .setParameter(1, user).getSingleResult();
        org.junit.jupiter.api.Assertions.assertTrue(hash.startsWith("$2a$"), "bcrypt modular crypt format");
        org.junit.jupiter.api.Assertions.assertTrue(BcryptUtil.matches(Api.PASSWORD, hash));
    }

    @Test
    void weakAndOverlongPasswordsAreRefusedWithTheReason() {
        as(Api.ADMIN).body(Map.of("username", "samename", "password", "SameName")).post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("user name"));
        as(Api.ADMIN).body(Map.of("username", "common", "password", "Password123")).post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("most common"));
        // 25 Hangul syllables are 75 bytes in UTF-8: past bcrypt's 72, where anything after would also sign in.
        as(Api.ADMIN).body(Map.of("username", "longpw", "password", "가".repeat(25))).post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("72 bytes"));
        as(Api.ADMIN).body(Map.of("username", "longpw", "password", "가".repeat(24))).post("/api/v1/users")
                .then().statusCode(201);
        String user = Api.newUser("weakchange");
        as(user).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "qwertyuiop")).put("/api/v1/me/password")
                .then().statusCode(400).body("detail", containsString("most common"));
    }

    @Test
    void signingOutWithHttpBasicIsNotAnError() {
        // Basic has no session to end; Quarkus' form logout threw a NullPointerException here (a 500).
        as(Api.ADMIN).post("/api/v1/session/logout").then().statusCode(204);
    }

    @Test
    void onlyAdminsCreateAccounts() {
        String user = Api.newUser("plain");
        as(user).body(Map.of("username", "sneaky", "password", "long-enough-1")).post("/api/v1/users")
                .then().statusCode(403).body("detail", containsString("administrator"));
        as(user).get("/api/v1/users").then().statusCode(403);
        as(Api.ADMIN).get("/api/v1/users").then().statusCode(200).body("username", hasItem(user));
    }

    @Test
    void accountInputIsChecked() {
        as(Api.ADMIN).body(Map.of("username", "x y", "password", "long-enough-1")).post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("user name"));
        as(Api.ADMIN).body(Map.of("username", "shortpw", "password", "short")).post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("at least 8"));
        String user = Api.newUser("dup");
        as(Api.ADMIN).body(Map.of("username", user, "password", "long-enough-1")).post("/api/v1/users")
                .then().statusCode(409);
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        String user = Api.newUser("changer");
        as(user).body(Map.of("currentPassword", "wrong", "newPassword", "another-long-one")).put("/api/v1/me/password")
                .then().statusCode(400).body("detail", containsString("current password is wrong"));
        as(user).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "another-long-one"))
                .put("/api/v1/me/password").then().statusCode(204);
        given().auth().preemptive().basic(user, "another-long-one").get("/api/v1/me").then().statusCode(200);
        given().auth().preemptive().basic(user, Api.PASSWORD).get("/api/v1/me").then().statusCode(401);
    }
}
