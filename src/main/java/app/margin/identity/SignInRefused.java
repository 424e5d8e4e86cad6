package app.margin.identity;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/**
 * A failed authentication that carries the sentence to answer with (Quarkus' exception type is final): e.g. a token
 * from the identity provider that does not say who the user is. Answered 401 with this detail.
 */
public final class SignInRefused {
    private static final String ATTRIBUTE = "margin.sign-in-refused";

    private SignInRefused() {
    }

    public static AuthenticationFailedException exception(String detail) {
        return new AuthenticationFailedException(detail, Map.of(ATTRIBUTE, detail));
    }

    /** The detail to answer with, or null for an ordinary failure (a wrong password, an invalid token). */
    public static String detail(AuthenticationFailedException e) {
        return e.getAttribute(ATTRIBUTE);
    }
}
