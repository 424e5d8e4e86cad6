package app.margin.identity.oidc;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Single sign-on switched on against the mock identity provider of quarkus-test-oidc-server (WireMock, started by
 * {@code @WithTestResource(OidcWiremockTestResource.class)}), with local accounts still on so tests can set projects up
 * with HTTP Basic. One profile for all OIDC tests: each profile restarts Margin.
 */
public class OidcProfile implements QuarkusTestProfile {
    static final String ISSUER = "https://server.example.com";
    static final String CLIENT = "margin-web";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                "quarkus.oidc.client-id", CLIENT,
                "quarkus.oidc.token.issuer", ISSUER,
                "margin.oidc.groups-claim", "groups",
                "margin.oidc.provider-name", "Example SSO",
                "MARGIN_OIDC_SESSION_KEY", "a-test-session-key-of-32-or-more-characters",
                "margin.demo.enabled", "false");
    }
}
