package app.margin.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The secret a token is, and the digest the database keeps instead. */
final class TokenSecrets {
    /** Agreed with the OIDC side: bearer values with this prefix are Margin's, others are an identity provider's. */
    static final String PREFIX = "margin_pat_";
    /** 256 bits: far beyond guessing, so a fast hash is enough (no bcrypt: nothing short to brute-force). */
    private static final int SECRET_BYTES = 32;
    /** Characters of the token shown in lists (the prefix and 8 of its 43 random characters). */
    private static final int HINT_LENGTH = PREFIX.length() + 8;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String newToken() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
