package app.margin.identity.oidc;

import app.margin.config.MarginConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start a Margin nobody could sign in to, saying what to set: single sign-on switched on (the team
 * profile) without the identity provider's address, or switched off while local accounts are off too.
 */
@ApplicationScoped
class OidcSetupCheck {
    private final MarginConfig config;

    OidcSetupCheck(MarginConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        var settings = ConfigProvider.getConfig();
        boolean oidc = settings.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true);
        Optional<String> server = settings.getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .filter(s -> !s.isBlank());
        if (oidc && server.isEmpty()) {
            throw new IllegalStateException("Single sign-on is on (the team profile) but Margin does not know the "
                    + "identity provider: set QUARKUS_OIDC_AUTH_SERVER_URL to its issuer address, e.g. "
                    + "https://sso.example.edu/realms/margin (and QUARKUS_OIDC_CLIENT_ID, default margin-web). To run "
                    + "without one, set QUARKUS_OIDC_TENANT_ENABLED=false and MARGIN_LOCAL_ACCOUNTS=true.");
        }
        if (!oidc && !config.localAccounts().enabled()) {
            throw new IllegalStateException("Nobody could sign in: single sign-on is off (QUARKUS_OIDC_TENANT_ENABLED="
                    + "false) and so are local accounts. Set QUARKUS_OIDC_AUTH_SERVER_URL, or MARGIN_LOCAL_ACCOUNTS=true.");
        }
    }
}
