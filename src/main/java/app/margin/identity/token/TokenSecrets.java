package app.margin.identity.token;

import app.margin.identity.SecretTokens;
import java.util.regex.Pattern;

/** What makes a secret an API token: its prefix, its shape, and the hint lists show (see {@link SecretTokens}). */
final class TokenSecrets {
    /** Agreed with the OIDC side: bearer values with this prefix are Margin's, others are an identity provider's. */
    static final String PREFIX = "margin_pat_";
    /** Characters of the token shown in lists (the prefix and 8 of its 43 random characters). */
    private static final int HINT_LENGTH = PREFIX.length() + 8;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    private TokenSecrets() {
    }

    static String newToken() {
        return PREFIX + SecretTokens.newSecret();
    }

    /** Whether the value could be a token Margin made: anything else is refused without a database lookup. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static String hint(String token) {
        return token.substring(0, HINT_LENGTH);
    }

    /** SHA-256 in hex of the whole token. */
    static String hash(String token) {
        return SecretTokens.digest(token);
    }
}
