package app.margin.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the embedded default a session encryption key of its own, kept in the data directory. Without one, Quarkus
 * made a temporary key at each start and printed it in the log, and anyone who read that line could mint a session
 * cookie for any user. A key configured by the administrator always wins; the {@code team} profile gets none from
 * here, so it refuses to start without a configured key ({@link SessionKeyRequired}).
 */
public class SessionKeySourceFactory implements ConfigSourceFactory {
    static final String KEY = "quarkus.http.auth.session.encryption-key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (context.getProfiles().contains("team") || isSet(context.getValue(KEY))) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("margin.data-dir");
        if (!isSet(dataDir)) {
            return List.of();
        }
        return List.of(new SessionKeySource(Path.of(dataDir.getValue()).resolve(SessionKeySource.FILE_NAME)));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
