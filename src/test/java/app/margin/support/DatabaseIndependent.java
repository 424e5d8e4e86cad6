package app.margin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose outcome cannot depend on the database: what it checks happens before or beside it (parsers,
 * limits on requests and queries, the sign-in throttle, the search index's disk, the code's structure). The
 * PostgreSQL run of .ci/run leaves these out (pom.xml, profile crash-postgres); the H2 run keeps them.
 */
@Tag(DatabaseIndependent.TAG)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DatabaseIndependent {
    String TAG = "database-independent";
}
