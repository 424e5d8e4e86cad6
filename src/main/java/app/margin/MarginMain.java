package app.margin;

import app.margin.backup.RestoreCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Margin's entry point: {@code java -jar quarkus-run.jar} starts the service as always; {@code java -jar
 * quarkus-run.jar restore <backup.zip> <new-data-dir>} restores a backup and exits without starting it
 * ({@link RestoreCommand}).
 */
@QuarkusMain
public final class MarginMain {
    private MarginMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && "restore".equals(args[0])) {
            System.exit(RestoreCommand.main(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
