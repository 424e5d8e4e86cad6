package app.margin.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which configurations may start, and what the refusal says (the team profile's OIDC switched on or off). */
class OidcSetupCheckTest {
    private static final Optional<String> SERVER = Optional.of("https://sso.example.edu/realms/margin");
    private static final Optional<String> KEY = Optional.of("k".repeat(OidcSetupCheck.SESSION_KEY_MIN_LENGTH));

    private static String refusal(boolean oidc, Optional<String> server, Optional<String> key, boolean local) {
        return OidcSetupCheck.problem(oidc, server, key, local).orElseThrow();
    }

    @Test
    void singleSignOnWithServerAndKeyStarts() {
        assertEquals(Optional.empty(), OidcSetupCheck.problem(true, SERVER, KEY, false));
    }

    @Test
    void withoutTheProviderSaysWhichVariable() {
        assertTrue(refusal(true, Optional.empty(), KEY, false).contains("QUARKUS_OIDC_AUTH_SERVER_URL"));
    }

    @Test
    void withoutTheSessionKeySaysWhichVariable() {
        String message = refusal(true, SERVER, Optional.empty(), true);
        assertTrue(message.contains("MARGIN_OIDC_SESSION_KEY"), message);
        assertFalse(message.contains("shorter"), message);
    }

    @Test
    void aShortSessionKeyIsRefused() {
        String message = refusal(true, SERVER, Optional.of("k".repeat(OidcSetupCheck.SESSION_KEY_MIN_LENGTH - 1)), true);
        assertTrue(message.contains("MARGIN_OIDC_SESSION_KEY") && message.contains("shorter"), message);
    }

    @Test
    void nobodyCouldSignInWhenBothAreOff() {
        assertTrue(refusal(false, Optional.empty(), Optional.empty(), false).contains("MARGIN_LOCAL_ACCOUNTS=true"));
        assertEquals(Optional.empty(), OidcSetupCheck.problem(false, Optional.empty(), Optional.empty(), true));
    }
}
