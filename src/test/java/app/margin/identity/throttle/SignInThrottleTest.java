package app.margin.identity.throttle;

import app.margin.support.DatabaseIndependent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed and then locked, per account and per client address, for HTTP Basic and the sign-in
 * form alike; the right password works again once the lock ends, and an account's own user at an address they
 * signed in from before is not locked out. Each test signs in "from" addresses of its own (X-Forwarded-For, which
 * the test profile trusts) and moves the throttle's clock instead of waiting.
 */
@DatabaseIndependent
@QuarkusTest
class SignInThrottleTest {
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final String WRONG = "not-the-password";
    /** The production defaults, which the test profile keeps. */
    private static final int ACCOUNT_LOCK_AFTER = 10;
    private static final int ADDRESS_LOCK_AFTER = 30;
    /** The sign-in form answers with a redirect (302 or 303, the mechanism's choice) to the page that follows. */
    private static final Matcher<Integer> REDIRECT = anyOf(is(302), is(303));

    @Inject
    ManualThrottleClock clock;

    @Inject
    SignInThrottle throttle;

    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Response basic(String user, String password, String address) {
        return given().auth().preemptive().basic(user, password).header("X-Forwarded-For", address)
                .get("/api/v1/me");
    }

    private static Response form(String user, String password, String address) {
        return given().redirects().follow(false).header("X-Forwarded-For", address).formParam("j_username", user)
                .formParam("j_password", password).post("/j_security_check");
    }

    private static void assertLocked(Response response, String why) {
        response.then().statusCode(429).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Too many failed sign-ins"))
                .body("detail", containsString(why)).header("Set-Cookie", nullValue());
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter > 0, "Retry-After " + retryAfter);
        assertEquals(retryAfter, response.jsonPath().getLong("retryAfter"));
    }

    @Test
    void guessingOneAccountOverBasicFromManyAddressesLocksItBrieflyButNotForItsOwnUser() {
        String user = Api.newUser("guessed");
        String home = newAddress();
        basic(user, Api.PASSWORD, home).then().statusCode(200); // the user's own computer
        for (int i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
            basic(user, WRONG, newAddress()).then().statusCode(401);
        }
        String elsewhere = newAddress();
        Response locked = basic(user, Api.PASSWORD, elsewhere);
        assertLocked(locked, "this account");
        assertTrue(Long.parseLong(locked.header("Retry-After")) <= 300, "the first account lock is 5 minutes");
        basic(user, Api.PASSWORD, home).then().statusCode(200);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        basic(user, Api.PASSWORD, elsewhere).then().statusCode(200);
    }

    @Test
    void aSecondLockOfAnAccountLastsLongerAndTheLocksStayBounded() {
        String user = Api.newUser("relocked");
        for (int i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
            basic(user, WRONG, newAddress()).then().statusCode(401);
        }
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        for (int i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
            basic(user, WRONG, newAddress()).then().statusCode(401);
        }
        long second = Long.parseLong(basic(user, Api.PASSWORD, newAddress()).then().statusCode(429).extract()
                .header("Retry-After"));
        assertTrue(second > 300 && second <= 600, "the second lock is 10 minutes, was " + second + " s");
        for (int lock = 3; lock <= 5; lock++) {
            clock.advance(Duration.ofSeconds(second + 1));
            for (int i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
                basic(user, WRONG, newAddress()).then().statusCode(401);
            }
            second = Long.parseLong(basic(user, Api.PASSWORD, newAddress()).header("Retry-After"));
        }
        assertTrue(second <= 30 * 60, "an account is never locked longer than 30 minutes, was " + second + " s");
    }

    @Test
    void theSignInFormIsThrottledLikeBasicAndABrowserIsSentBackToTheSignInPage() {
        String user = Api.newUser("formed");
        for (int i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
            form(user, WRONG, newAddress()).then().statusCode(REDIRECT).header("Location", endsWith("/login.html?error=1"));
        }
        String address = newAddress();
        assertLocked(form(user, Api.PASSWORD, address), "this account");
        // The same form posted by a browser without scripts: the sign-in page says how long to wait.
        given().redirects().follow(false).header("X-Forwarded-For", address).accept("text/html,*/*;q=0.8")
                .formParam("j_username", user).formParam("j_password", Api.PASSWORD).post("/j_security_check")
                .then().statusCode(303).header("Location", containsString("/login.html?error=locked&retry="))
                .header("Set-Cookie", nullValue());
        basic(user, Api.PASSWORD, address).then().statusCode(429); // one count, whichever way one signs in

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        form(user, Api.PASSWORD, address).then().statusCode(REDIRECT).header("Location", endsWith("/"))
                .header("Set-Cookie", containsString("margin-session="));
    }

    @Test
    void anAddressTryingManyAccountsIsLockedForAllOfThemAndLongerEachTime() {
        String address = newAddress();
        String victim = Api.newUser("bystander");
        for (int i = 0; i < ADDRESS_LOCK_AFTER; i++) {
            // Spread over many names, so that no account reaches its own lock.
            (i % 2 == 0 ? basic("nobody-" + address + "-" + i, WRONG, address)
                    : form("nobody-" + address + "-" + i, WRONG, address)).then().statusCode(i % 2 == 0 ? is(401) : REDIRECT);
        }
        Response locked = form(victim, Api.PASSWORD, address);
        assertLocked(locked, "from your address");
        long first = Long.parseLong(locked.header("Retry-After"));
        assertTrue(first > 300 && first <= 15 * 60, "the first address lock is 15 minutes, was " + first);
        basic(victim, Api.PASSWORD, newAddress()).then().statusCode(200); // from anywhere else: fine

        clock.advance(Duration.ofSeconds(first + 1));
        basic(victim, WRONG, address).then().statusCode(401);
        for (int i = 1; i < ADDRESS_LOCK_AFTER; i++) {
            basic("nobody-again-" + address + "-" + i, WRONG, address).then().statusCode(401);
        }
        long second = Long.parseLong(basic(victim, Api.PASSWORD, address).then().statusCode(429).extract()
                .header("Retry-After"));
        assertTrue(second > 15 * 60, "a repeated address lock is longer, was " + second);
        clock.advance(Duration.ofSeconds(second + 1));
        basic(victim, Api.PASSWORD, address).then().statusCode(200);
    }

    @Test
    void aSuccessFromAnAddressForgetsItsFailures() {
        String address = newAddress();
        String user = Api.newUser("typist");
        for (int i = 0; i < ADDRESS_LOCK_AFTER - 1; i++) {
            basic("typo-" + address + "-" + i, WRONG, address).then().statusCode(401);
        }
        basic(user, Api.PASSWORD, address).then().statusCode(200);
        for (int i = 0; i < ADDRESS_LOCK_AFTER - 1; i++) {
            basic("typo-again-" + address + "-" + i, WRONG, address).then().statusCode(401);
        }
        basic(user, Api.PASSWORD, address).then().statusCode(200);
        assertEquals(Duration.ZERO, throttle.check(user, address).delay(), "no failures left to slow it down");
    }

    @Test
    void anotherAccountsLockDoesNotLockADifferentUserAtTheSameAddress() {
        String address = newAddress();
        String guessed = Api.newUser("locked");
        String neighbour = Api.newUser("neighbour");
        for (int i = 0; i < ACCOUNT_LOCK_AFTER; i++) {
            basic(guessed, WRONG, address).then().statusCode(401);
        }
        basic(guessed, Api.PASSWORD, address).then().statusCode(429);
        basic(neighbour, Api.PASSWORD, address).then().statusCode(200);
        form(neighbour, Api.PASSWORD, address).then().statusCode(REDIRECT).header("Location", endsWith("/"));
    }

    @Test
    void eachFailureBeyondTheFreeOnesWaitsLongerUpToTheLongestDelay() {
        String user = "slowed-" + newAddress();
        String address = newAddress();
        // Test profile: 3 free failures, then 5 ms doubling up to 20 ms.
        long[] expected = {0, 0, 0, 5, 10, 20, 20};
        for (long millis : expected) {
            assertEquals(Duration.ofMillis(millis), throttle.check(user, address).delay());
            throttle.failed(user, address);
        }
        assertEquals(Duration.ofMillis(20), throttle.check(user, newAddress()).delay(), "per account");
        assertEquals(Duration.ofMillis(20), throttle.check("someone-else", address).delay(), "per address");
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertEquals(Duration.ZERO, throttle.check(user, address).delay(), "forgotten after an hour");
    }

    @Test
    void basicCredentialsOnAPageThatNeedsNoSignInAreNotCounted() {
        String address = newAddress();
        String user = Api.newUser("unchecked");
        for (int i = 0; i < ACCOUNT_LOCK_AFTER + 2; i++) {
            given().auth().preemptive().basic(user, WRONG).header("X-Forwarded-For", address)
                    .get("/api/v1/session/info").then().statusCode(200);
        }
        basic(user, Api.PASSWORD, address).then().statusCode(200);
    }

    @Test
    void aSignInFormTheThrottleCannotReadIsRefused() {
        given().redirects().follow(false).multiPart("j_username", Api.ADMIN).multiPart("j_password", WRONG)
                .post("/j_security_check").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void userNamesReachTheLogOnlyAsPrintableText() {
        assertEquals("eve?rm -rf", SignInThrottle.printable("eve\nrm -rf"));
        assertEquals("x".repeat(64) + "…", SignInThrottle.printable("x".repeat(100)));
    }
}
