package app.margin.reliability;

import app.margin.support.Folders;
import app.margin.reliability.Ledger.CodeState;
import app.margin.reliability.RecoveryCheck.Findings;
import app.margin.support.MarginClient;
import app.margin.support.MarginProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One crash: a fresh Margin, a project, a burst of work, {@code kill -9} at a moment drawn from the seed, a restart on
 * the same data directory, and the {@link RecoveryCheck}.
 */
final class CrashRun {
    static final String ADMIN_PASSWORD = "crash-admin-password";
    static final String PASSWORD = "crash-user-password";
    static final int CODES = 6;
    static final int CODERS = 3;
    static final int IMPORTERS = 1;
    static final int SEED_DOCUMENTS = 8;

    /** What one run did and found. */
    record Report(int number, long seed, String database, long killAfterMillis, int documents, int codings, int memos,
            int codeEdits, int unknown, Findings findings, Map<String, Integer> refusals, long restartMillis,
            Path directory) {
        String summary() {
            return String.format("CRASH run %d seed=%d db=%s kill-after=%dms acknowledged: documents=%d (" + SEED_DOCUMENTS
                            + " before the burst) codings=%d "
                            + "memos=%d code-edits=%d | in flight at the kill=%d (present after restart=%d) | lost=%d "
                            + "duplicated=%d half-there=%d unexpected=%d search-mismatches=%d audit=%s (%d events) | "
                            + "restart-to-ready=%dms refused=%s",
                    number, seed, database, killAfterMillis, documents, codings, memos, codeEdits, unknown,
                    findings.unknownPresent, findings.lost, findings.duplicated, findings.halfThere, findings.unexpected,
                    findings.searchMismatches, findings.auditValid ? "valid" : "BROKEN", findings.auditEvents,
                    restartMillis, refusals.isEmpty() ? "none" : refusals);
        }

        /** A refused request with a 5xx answer is a defect even when no data was lost. */
        int serverErrors() {
            return refusals.entrySet().stream().filter(e -> e.getKey().matches(".* 5\\d\\d$"))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    private final int number;
    private final long seed;
    private final Path directory;
    private final CrashDatabase database;
    private final long killMinMillis;
    private final long killMaxMillis;
    private final int killMinAcks;

    CrashRun(int number, long seed, Path root, CrashDatabase database, long killMinMillis, long killMaxMillis,
            int killMinAcks) {
        this.killMinAcks = killMinAcks;
        this.number = number;
        this.seed = seed;
        this.directory = root.resolve(database.name().split(" ")[0] + "-seed" + seed);
        this.database = database;
        this.killMinMillis = killMinMillis;
        this.killMaxMillis = killMaxMillis;
    }

    Report execute() throws Exception {
        Folders.delete(directory);
        Random random = new Random(seed);
        String runTag = Long.toString(Math.abs(seed) % 46_656, 36);
        Ledger ledger = new Ledger();
        MarginProcess margin = MarginProcess.on(directory.resolve("data")).log(directory.resolve("margin.log"))
                // Sessions are rows in the database: they stay valid across the restart by themselves.
                .env("MARGIN_DEMO", "false").env("MARGIN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try (margin) {
            database.prepare(margin, "seed" + Long.toUnsignedString(seed));
            margin.start();
            Workload.Project project = setUp(margin, ledger, random, runTag);

            // The kill comes at a drawn time into the burst, but not before a drawn number of items were acknowledged:
            // on a slow (or busy) machine a time alone would often kill before anything much has happened.
            long killAfter = killMinMillis + (long) (random.nextDouble() * (killMaxMillis - killMinMillis));
            int ackTarget = random.nextInt(killMinAcks + 1);
            int acknowledgedBefore = ledger.acknowledgedCount();
            Workload workload = new Workload(project, ledger, random.nextLong(), runTag);
            long killedAt;
            try {
                long burst = System.nanoTime();
                workload.start(IMPORTERS);
                Thread.sleep(killAfter);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (ledger.acknowledgedCount() - acknowledgedBefore < ackTarget && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                margin.kill();
                killedAt = (System.nanoTime() - burst) / 1_000_000;
                workload.awaitEnd(120_000);
            } finally {
                workload.stop();
            }

            long restart = System.nanoTime();
            margin.start();
            long restartMillis = (System.nanoTime() - restart) / 1_000_000;
            MarginClient owner = MarginClient.signIn(margin.baseUri(), project.ownerName(), PASSWORD);
            Findings findings = new RecoveryCheck(owner, project.id(), ledger).run();
            margin.stop();
            Report report = new Report(number, seed, database.name(), killedAt, ledger.documents.size(),
                    ledger.codings.size(), ledger.memos.size(), ledger.codeEdits.size(), ledger.unknownCount(), findings,
                    ledger.refusalsSorted(), restartMillis, directory);
            if (findings.total() == 0 && report.serverErrors() == 0 && !Boolean.getBoolean("crash.keep")) {
                Folders.delete(directory.resolve("data"));
            }
            return report;
        } finally {
            database.cleanUp();
        }
    }

    /** Accounts, a project with coders, a few codes and documents: all through the API, as a team would. */
    private Workload.Project setUp(MarginProcess margin, Ledger ledger, Random random, String runTag)
            throws IOException {
        MarginClient admin = MarginClient.basic(margin.baseUri(), "admin", ADMIN_PASSWORD);
        String ownerName = "owner";
        List<String> coderNames = new ArrayList<>();
        for (int i = 1; i <= CODERS; i++) {
            coderNames.add("coder" + i);
        }
        for (String user : concat(ownerName, coderNames)) {
            admin.post("/api/v1/users", Map.of("username", user, "password", PASSWORD)).expect(201);
        }
        MarginClient owner = MarginClient.signIn(margin.baseUri(), ownerName, PASSWORD);
        long pid = owner.post("/api/v1/projects", Map.of("name", "Crash " + runTag, "description", "kill -9 test"))
                .expect(201).json().get("id").asLong();
        Map<String, MarginClient> coders = new LinkedHashMap<>();
        for (String coder : coderNames) {
            owner.post("/api/v1/projects/" + pid + "/members", Map.of("username", coder, "role", "CODER")).expect(201);
            coders.put(coder, MarginClient.signIn(margin.baseUri(), coder, PASSWORD));
        }
        List<Long> codeIds = new ArrayList<>();
        for (int i = 1; i <= CODES; i++) {
            JsonNode code = owner.post("/api/v1/projects/" + pid + "/codes",
                    Map.of("name", "Code " + i, "definition", "Definition of code " + i)).expect(201).json();
            long id = code.get("id").asLong();
            codeIds.add(id);
            ledger.codes.put(id, new CodeState(id, code.get("name").asText(), code.get("definition").asText(),
                    code.get("version").asLong()));
        }
        Workload.Project project = new Workload.Project(pid, owner, ownerName, coders, List.copyOf(codeIds));
        Workload.seed(project, ledger, random, runTag, SEED_DOCUMENTS);
        return project;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

}
