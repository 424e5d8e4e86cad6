package app.margin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Margin's own settings ({@code margin.*}); each one is listed in the README. */
@ConfigMapping(prefix = "margin")
public interface MarginConfig {

    /** Where the embedded database and, later, the search indexes live ({@code MARGIN_DATA_DIR}). */
    @WithDefault("./data")
    String dataDir();

    /** Password of the first admin on a fresh database ({@code MARGIN_ADMIN_PASSWORD}); random and logged once if empty. */
    Optional<String> adminPassword();

    Demo demo();

    /** bcrypt cost factor for new password hashes (each step doubles the work of checking a password). */
    @WithDefault("10")
    int bcryptCost();

    @WithName("import")
    Import importing();

    interface Demo {
        /** Load the demo project from sample-corpus/ with its demo accounts ({@code MARGIN_DEMO}). */
        @WithDefault("true")
        boolean enabled();

        /** Password of demo-supervisor, demo-coder1 and demo-coder2 ({@code MARGIN_DEMO_PASSWORD}). */
        @WithDefault("demo")
        String password();
    }

    interface Import {
        /** Largest single file accepted by an import, in bytes (default 50 MiB). */
        @WithDefault("52428800")
        long maxFileSize();

        /** Most files accepted in one import request. */
        @WithDefault("200")
        int maxFiles();
    }
}
