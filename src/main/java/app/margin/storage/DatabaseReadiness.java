package app.margin.storage;

import app.margin.problem.StorageFailure;
import app.margin.problem.StorageProblems;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers a query. The datasource's own check asks the pool for a connection, which
 * stays "valid" after H2 has closed its database on a failed write (measured with H2 2.4.240 on a full disk): Margin
 * would then answer every request with an error while saying it is ready.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements HealthCheck {
    private final DataSource dataSource;

    DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return HealthCheckResponse.up("Margin database");
        } catch (SQLException | RuntimeException e) {
            Optional<StorageFailure> storage = StorageFailure.of(e);
            return HealthCheckResponse.named("Margin database").down()
                    .withData("problem", storage.map(StorageProblems::adminLine)
                            .orElse("The database does not answer: " + e.getClass().getSimpleName()))
                    .build();
        }
    }
}
