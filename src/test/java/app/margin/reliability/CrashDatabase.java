package app.margin.reliability;

import app.margin.support.MarginProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database a crash run uses: the embedded H2 file under the data directory (the packaged default jar), or a
 * fresh PostgreSQL database created for the run and dropped after it (the jar built with {@code -Dquarkus.profile=team}).
 */
abstract sealed class CrashDatabase {
    abstract String name();

    /** Points the process at this run's database (creating it first when needed). */
    abstract void prepare(MarginProcess margin, String runName) throws SQLException;

    /** Removes what {@link #prepare} created. */
    abstract void cleanUp() throws SQLException;

    /** {@code crash.db}: {@code h2} (default) or {@code postgres}. */
    static CrashDatabase fromSystemProperties() {
        String kind = System.getProperty("crash.db", "h2").strip().toLowerCase();
        return switch (kind) {
            case "h2" -> new H2(System.getProperty("crash.h2.url", ""));
            case "postgres", "postgresql" -> new Postgres(System.getProperty("crash.pg.url", "jdbc:postgresql://127.0.0.1:5432/"),
                    System.getProperty("crash.pg.user", "postgres"), System.getProperty("crash.pg.password", ""),
                    System.getProperty("crash.pg.database-prefix", "margin_crash"));
            default -> throw new IllegalArgumentException("crash.db must be h2 or postgres, not " + kind);
        };
    }

    /**
     * H2 as shipped. {@code crash.h2.url} replaces the JDBC URL ({@code {dataDir}} stands for the run's data
     * directory), e.g. to check that the test notices losses when H2 delays its writes.
     */
    static final class H2 extends CrashDatabase {
        private final String url;

        H2(String url) {
            this.url = url;
        }

        @Override
        String name() {
            return url.isBlank() ? "h2" : "h2 (" + url + ")";
        }

        @Override
        void prepare(MarginProcess margin, String runName) {
            if (!url.isBlank()) {
                margin.env("QUARKUS_DATASOURCE_JDBC_URL", url.replace("{dataDir}", margin.dataDir().toString()));
            }
        }

        @Override
        void cleanUp() {
        }
    }

    /** PostgreSQL through the team profile; the server is given by {@code crash.pg.url/user/password}. */
    static final class Postgres extends CrashDatabase {
        private final String serverUrl;
        private final String user;
        private final String password;
        private final String prefix;
        private String database;

        Postgres(String serverUrl, String user, String password, String prefix) {
            this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
            this.user = user;
            this.password = password;
            this.prefix = prefix;
        }

        @Override
        String name() {
            return "postgresql";
        }

        @Override
        void prepare(MarginProcess margin, String runName) throws SQLException {
            database = (prefix + "_" + runName).toLowerCase().replaceAll("[^a-z0-9_]", "_");
            execute("drop database if exists " + database);
            execute("create database " + database);
            margin.systemProperty("quarkus.profile", "team")
                    .env("MARGIN_DB_URL", serverUrl + database)
                    .env("MARGIN_DB_USER", user)
                    .env("MARGIN_DB_PASSWORD", marginPassword(password))
                    // The team profile listens on every interface; a test listens on this machine only.
                    .env("QUARKUS_HTTP_HOST", "127.0.0.1")
                    // and signs in through an identity provider; the crash test uses a local account instead.
                    .env("QUARKUS_OIDC_TENANT_ENABLED", "false").env("MARGIN_LOCAL_ACCOUNTS", "true");
        }

        /**
         * The team profile refuses to start without a database password; a test server that trusts loopback
         * connections (CI's) is given a placeholder, which it never asks for.
         */
        static String marginPassword(String password) {
            return password.isBlank() ? "unused-the-test-server-trusts-loopback" : password;
        }

        @Override
        void cleanUp() throws SQLException {
            if (database != null) {
                execute("drop database if exists " + database + " with (force)");
                database = null;
            }
        }

        private void execute(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
