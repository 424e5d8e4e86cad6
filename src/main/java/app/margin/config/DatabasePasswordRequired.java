package app.margin.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * A team installation must be given its database password: an empty one would mean a PostgreSQL account anyone on
 * the network could use, or a failure later with the driver's message instead of this one.
 */
@ApplicationScoped
class DatabasePasswordRequired {
    static final String KEY = "quarkus.datasource.password";

    private final Config config;

    DatabasePasswordRequired(Config config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        check(ConfigUtils.getProfiles().contains("team"),
                config.getOptionalValue(KEY, String.class).filter(password -> !password.isBlank()).isPresent());
    }

    static void check(boolean team, boolean configured) {
        if (team && !configured) {
            throw new IllegalStateException("The team profile needs the PostgreSQL password of Margin's database "
                    + "account: set MARGIN_DB_PASSWORD (with MARGIN_DB_URL and MARGIN_DB_USER) and start Margin again. "
                    + "With containers, put it in docker/.env (see docker/.env.example).");
        }
    }
}
