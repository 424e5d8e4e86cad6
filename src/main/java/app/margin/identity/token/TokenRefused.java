package app.margin.identity.token;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;
import java.util.Optional;

/**
 * A bearer token that signs no one in (unknown, revoked, expired): a failed authentication (Quarkus' exception type is
 * final) carrying the sentence the 401 answer gives, so a script's author learns which it was.
 */
public final class TokenRefused {
    private static final String ATTRIBUTE = "margin.token-refused";

    private TokenRefused() {
    }

    static AuthenticationFailedException exception(String detail) {
        return new AuthenticationFailedException(detail, Map.of(ATTRIBUTE, detail));
    }

    /** The reason to give, when the failure was a refused API token. */
    public static Optional<String> detail(AuthenticationFailedException e) {
        return Optional.ofNullable(e.getAttribute(ATTRIBUTE));
    }
}
