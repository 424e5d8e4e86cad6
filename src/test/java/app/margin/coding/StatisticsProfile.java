package app.margin.coding;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Hibernate statistics on, so a test can count the statements a request makes (off in the suite: they cost). */
public class StatisticsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.hibernate-orm.statistics", "true");
    }
}
