package app.margin.identity.oidc;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/** What other parts of Margin may ask about an identity from the identity provider. */
public final class OidcSignIn {
    /** Identity attribute: the identity came from the identity provider (token or browser session). */
    public static final String FROM_OIDC = "margin.oidc";
    /** Identity attribute: why a browser sign-in through the identity provider cannot become a Margin user. */
    static final String REFUSED = "margin.oidc.refused";
    /** Where the browser goes to sign out of Margin and of the identity provider (quarkus.oidc.logout.path). */
    public static final String SIGN_OUT_PATH = "/sign-out/oidc";
    /** Where the sign-in page's button sends the browser (the code flow starts here). */
    public static final String SIGN_IN_PATH = "/sign-in/oidc";

    private OidcSignIn() {
    }

    public static boolean isFromOidc(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(FROM_OIDC));
    }

    /** True for a browser session of the code flow (it has an ID token), which signs out at the provider too. */
    public static boolean isBrowserSession(SecurityIdentity identity) {
        return isFromOidc(identity) && identity.getCredential(IdTokenCredential.class) != null;
    }

    /** Why this identity may not use Margin (a disabled account, a token without a user name), if it may not. */
    public static Optional<String> refusal(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(REFUSED));
    }
}
