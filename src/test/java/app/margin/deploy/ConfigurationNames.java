package app.margin.deploy;

import app.margin.config.MarginConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables Margin reads as configuration: the variables application.properties expands
 * ({@code ${MARGIN_DB_URL:…}}), the environment form of every {@code margin.*} key of {@link MarginConfig}, and the
 * environment form of every key of the Quarkus extensions on the classpath, from the configuration model each
 * extension's runtime jar carries ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}).
 */
final class ConfigurationNames {
    private final Set<String> expanded;
    private final Set<String> margin;
    private final Set<String> quarkus;

    private ConfigurationNames(Set<String> expanded, Set<String> margin, Set<String> quarkus) {
        this.expanded = expanded;
        this.margin = margin;
        this.quarkus = quarkus;
    }

    static ConfigurationNames load(Path applicationProperties) throws IOException {
        Set<String> expanded = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(Files.readString(applicationProperties));
        while (m.find()) {
            expanded.add(m.group(1));
        }
        Set<String> margin = new HashSet<>();
        ConfigMappings.getProperties(new ConfigMappings.ConfigClass(MarginConfig.class, "margin")).keySet()
                .forEach(name -> margin.add(environmentForm(name)));
        Set<String> quarkus = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (URL model : Collections.list(ConfigurationNames.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = model.openStream()) {
                json.readTree(in).findValues("environmentVariable").forEach(v -> quarkus.add(v.asText()));
            }
        }
        if (quarkus.isEmpty()) {
            throw new UncheckedIOException(new IOException("no Quarkus configuration model on the classpath"));
        }
        return new ConfigurationNames(expanded, margin, quarkus);
    }

    /** margin.index-retry-delay → MARGIN_INDEX_RETRY_DELAY (the MicroProfile Config rule). */
    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Whether an extension whose keys start with this environment prefix is on the classpath. */
    boolean hasExtension(String prefix) {
        return quarkus.stream().anyMatch(name -> name.startsWith(prefix));
    }

    boolean known(String variable) {
        return expanded.contains(variable) || margin.contains(variable) || quarkus.contains(variable);
    }

}
