package app.margin.identity.oidc;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Access tokens as the mock identity provider would sign them (its key privateKey.jwk, key id 1), and forgeries. */
final class Tokens {
    private Tokens() {
    }

    /** The claims of a good token for {@code username}; tests change one thing to make a fault. */
    static JwtClaimsBuilder claims(String username) {
        Instant now = Instant.now();
        return Jwt.claims().issuer(OidcProfile.ISSUER).audience(OidcProfile.CLIENT).subject("sub-" + username)
                .claim("preferred_username", username).claim("name", "Dr. " + username)
                .claim("email", username + "@example.org").issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("realm_access", Map.of("roles", List.of("offline_access")));
    }

    static String signed(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    static String valid(String username) {
        return signed(claims(username));
    }

    /** Signed with a key the identity provider never published, under its key id. */
    static String foreignSignature(String username) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return claims(username).jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
    }

    /** The claims of a good token, unsigned: {"alg":"none"} and an empty signature. */
    static String unsigned(String username) {
        String good = valid(username);
        String payload = good.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
