package app.margin.identity.throttle;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Who a sign-in attempt claims to be, read from an HTTP Basic header or the sign-in form; the password is ignored. */
record SignInAttempt(String user, String address, boolean form) {

    /** The user name in {@code Authorization: Basic ...}; null if the header is not Basic or not readable. */
    static String basicUser(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** The {@code j_username} field of a URL-encoded sign-in form; null if missing or not decodable. */
    static String formUser(String body) {
        try {
            List<String> values = new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters()
                    .get("j_username");
            return values == null || values.isEmpty() ? null : values.get(0);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
