package app.margin.identity.oidc;

import app.margin.config.MarginConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a Margin nobody could sign in to, or whose single sign-on would break on a restart or a second
 * instance, saying what to set: single sign-on on (the team profile) without the identity provider's address or
 * without the session key, or off while local accounts are off too.
 *
 * <p>The session key ({@code MARGIN_OIDC_SESSION_KEY}) encrypts the browser's OIDC session cookie and the PKCE state
 * of a sign-in in progress. Without it quarkus-oidc makes a random key per process: every restart signs everyone out,
 * and behind a load balancer a sign-in that returns to another instance fails.
 */
@ApplicationScoped
class OidcSetupCheck {
    static final String SESSION_KEY = "MARGIN_OIDC_SESSION_KEY";
    /** quarkus-oidc's own minimum for an encryption secret it uses as it is. */
    static final int SESSION_KEY_MIN_LENGTH = 32;

    private final MarginConfig margin;
    private final Config config;

    OidcSetupCheck(MarginConfig margin, Config config) {
        this.margin = margin;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        problem(config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true),
                present("quarkus.oidc.auth-server-url"),
                present("quarkus.oidc.token-state-manager.encryption-secret"),
                margin.localAccounts().enabled())
                .ifPresent(message -> {
                    throw new IllegalStateException(message);
                });
    }

    private Optional<String> present(String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank());
    }

    /** What stops this configuration from starting, if anything. */
    static Optional<String> problem(boolean oidc, Optional<String> server, Optional<String> sessionKey,
            boolean localAccounts) {
        if (!oidc) {
            return localAccounts ? Optional.empty() : Optional.of("Nobody could sign in: single sign-on is off "
                    + "(QUARKUS_OIDC_TENANT_ENABLED=false) and so are local accounts. Set QUARKUS_OIDC_AUTH_SERVER_URL, "
                    + "or MARGIN_LOCAL_ACCOUNTS=true.");
        }
        if (server.isEmpty()) {
            return Optional.of("Single sign-on is on (the team profile) but Margin does not know the identity "
                    + "provider: set QUARKUS_OIDC_AUTH_SERVER_URL to its issuer address, e.g. "
                    + "https://sso.example.edu/realms/margin (and QUARKUS_OIDC_CLIENT_ID, default margin-web). To run "
                    + "without one, set QUARKUS_OIDC_TENANT_ENABLED=false and MARGIN_LOCAL_ACCOUNTS=true.");
        }
        if (sessionKey.map(String::length).orElse(0) < SESSION_KEY_MIN_LENGTH) {
            return Optional.of("Single sign-on needs a session key that stays the same across restarts and "
                    + "instances: set " + SESSION_KEY + " to " + SESSION_KEY_MIN_LENGTH + " or more random characters "
                    + "(e.g. openssl rand -base64 32), the same on every instance"
                    + (sessionKey.isPresent() ? " (the one given is shorter)." : "."));
        }
        return Optional.empty();
    }
}
