package app.margin.identity;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/**
 * The password was right, but an administrator has disabled the account: a failed authentication (Quarkus' exception
 * type is final) marked so that the answer can say why, 403 rather than "wrong password".
 */
public final class AccountDisabled {
    public static final String MESSAGE =
            "This account is disabled. Ask an administrator of this Margin to enable it again.";
    private static final String ATTRIBUTE = "margin.account-disabled";

    private AccountDisabled() {
    }

    public static AuthenticationFailedException exception() {
        return new AuthenticationFailedException(MESSAGE, Map.of(ATTRIBUTE, Boolean.TRUE));
    }

    public static boolean is(AuthenticationFailedException e) {
        return Boolean.TRUE.equals(e.getAttribute(ATTRIBUTE));
    }
}
