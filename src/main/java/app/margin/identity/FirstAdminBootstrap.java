package app.margin.identity;

import app.margin.config.MarginConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * On the first start (no accounts at all) creates the account {@code admin}, with the password from
 * {@code MARGIN_ADMIN_PASSWORD} or, when that is not set, a random one printed once to the log.
 */
@ApplicationScoped
public class FirstAdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";

    private final AccountService accounts;
    private final MarginConfig config;

    FirstAdminBootstrap(AccountService accounts, MarginConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (accounts.count() > 0) {
            return;
        }
        String configured = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        String password = configured != null ? configured : randomPassword();
        accounts.createUnchecked(ADMIN_USERNAME, password, "Administrator", true);
        if (configured == null) {
            // Printed once, on purpose: there is no other way to learn it. Change it after signing in.
            Log.infof("Created the first account: user 'admin', password '%s' (shown only now; "
                    + "set MARGIN_ADMIN_PASSWORD to choose it)", password);
        } else {
            Log.info("Created the first account 'admin' with the password from MARGIN_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
