package app.margin.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * A team installation must configure its session key: several instances behind a load balancer need the same one,
 * and a temporary key (Quarkus' fallback) would be printed in the log.
 */
@ApplicationScoped
class SessionKeyRequired {
    private final Config config;

    SessionKeyRequired(Config config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        boolean team = ConfigUtils.getProfiles().contains("team");
        boolean configured = config.getOptionalValue(SessionKeySourceFactory.KEY, String.class)
                .filter(key -> !key.isBlank()).isPresent();
        if (team && !configured) {
            throw new IllegalStateException("The team profile needs a session encryption key: set "
                    + "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY to the same random value of 32 or more characters on "
                    + "every Margin instance (e.g. the output of: openssl rand -base64 32), then start Margin again.");
        }
    }
}
