package app.margin.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.reliability.CrashRun.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} during work loses nothing that was acknowledged. Each run starts the packaged Margin as its own
 * process on a fresh data directory, drives batch imports, codings, memos and code edits from several threads, kills
 * it at a random moment, restarts it on the same data directory and checks every acknowledged item through the API
 * (see {@link RecoveryCheck}). Runs in {@code ./mvnw verify} after packaging; more runs:
 * {@code ./mvnw -B verify -Pcrash -Dcrash.runs=20} (README, "Crash test").
 *
 * <p>System properties: {@code crash.runs} (3), {@code crash.seed} (random; run i uses seed + i - 1, printed, so
 * {@code -Dcrash.seed=<printed> -Dcrash.runs=1} repeats a run's choices), {@code crash.kill.min-ms} (300) and
 * {@code crash.kill.max-ms} (5000): the kill comes a drawn time in that range after the burst starts, and not before
 * a drawn number (0 to {@code crash.kill.max-acks}, 100) of items were acknowledged; {@code crash.db} (h2, or
 * postgres with the team jar), {@code crash.keep} (keep data directories of passing runs). Logs and, for failing
 * runs, data directories stay under {@code target/crash/}.
 */
class CrashRecoveryIT {
    @Test
    void acknowledgedWorkSurvivesKill9() {
        int runs = Integer.getInteger("crash.runs", 3);
        long seed = Long.getLong("crash.seed", ThreadLocalRandom.current().nextLong(1, 1_000_000_000L));
        long killMin = Long.getLong("crash.kill.min-ms", 300);
        long killMax = Long.getLong("crash.kill.max-ms", 5000);
        int killAcks = Integer.getInteger("crash.kill.max-acks", 100);
        Path root = Path.of(System.getProperty("crash.dir", "target/crash"));
        System.out.printf("CRASH %d runs, first seed %d, kill %d-%d ms into the burst and after 0-%d acknowledged items,"
                + " jar %s%n", runs, seed, killMin, killMax, killAcks,
                System.getProperty("margin.jar", "target/quarkus-app/quarkus-run.jar"));

        Totals totals = new Totals();
        for (int i = 1; i <= runs; i++) {
            long runSeed = seed + i - 1;
            CrashDatabase database = CrashDatabase.fromSystemProperties();
            try {
                Report report = new CrashRun(i, runSeed, root, database, killMin, killMax, killAcks).execute();
                System.out.println(report.summary());
                report.findings().problems.forEach(p -> System.out.println("CRASH   problem: " + p));
                totals.add(report);
            } catch (Exception | AssertionError e) {
                String failure = "run " + i + " (seed " + runSeed + ", " + database.name() + ") failed: " + e;
                System.out.println("CRASH " + failure);
                totals.failures.add(failure);
            }
        }
        System.out.println(totals.summary());
        assertTrue(totals.failures.isEmpty(), () -> totals.summary() + "\n" + String.join("\n", totals.failures)
                + "\nLogs and data: " + root.toAbsolutePath());
    }

    /** The figures over all runs. */
    private static final class Totals {
        int runs;
        long documents;
        long codings;
        long memos;
        long codeEdits;
        long unknown;
        long unknownPresent;
        long lost;
        long duplicated;
        long halfThere;
        long unexpected;
        long searchMismatches;
        long serverErrors;
        final List<String> failures = new ArrayList<>();

        void add(Report report) {
            runs++;
            documents += report.documents();
            codings += report.codings();
            memos += report.memos();
            codeEdits += report.codeEdits();
            unknown += report.unknown();
            var f = report.findings();
            unknownPresent += f.unknownPresent;
            lost += f.lost;
            duplicated += f.duplicated;
            halfThere += f.halfThere;
            unexpected += f.unexpected;
            searchMismatches += f.searchMismatches;
            serverErrors += report.serverErrors();
            if (f.total() > 0 || report.serverErrors() > 0) {
                failures.add("run " + report.number() + " (seed " + report.seed() + "): " + f.total() + " problems, "
                        + report.serverErrors() + " server errors during the burst; log and data in "
                        + report.directory().toAbsolutePath());
            }
        }

        String summary() {
            return String.format("CRASH TOTAL runs=%d (failed to run: %d) acknowledged: documents=%d codings=%d "
                            + "memos=%d code-edits=%d | in flight at the kill=%d (present after restart=%d) | lost=%d "
                            + "duplicated=%d half-there=%d unexpected=%d search-mismatches=%d server-errors=%d",
                    runs, failures.stream().filter(f -> f.contains("failed:")).count(), documents, codings, memos,
                    codeEdits, unknown, unknownPresent, lost, duplicated, halfThere, unexpected, searchMismatches,
                    serverErrors);
        }
    }
}
