package app.margin.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The suite's import limit is 1 MB (application.properties, %test); documents of up to 10 MB are what this is about. */
public class BigDocumentProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("margin.import.max-file-size", String.valueOf(16 * 1024 * 1024));
    }
}
