package app.margin;

import app.margin.support.DatabaseIndependent;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which feature may use which (ARCHITECTURE.md: a feature owns its entities; data flows one way). A feature is a
 * top-level package under {@code app.margin}. Three rules, each failing with the offending classes named:
 *
 * <ol>
 *   <li>An entity (a Panache entity class, annotated {@code @Entity}) is constructed, queried, persisted, deleted or written to only inside the
 *       feature that owns it. Other features call the owner's services (bulk import, removal, projections) and may
 *       read the fields of entities such a service hands them. Known exceptions are listed, each with its reason.
 *   <li>Feature dependencies stay within the listed edges: a new edge is a design decision, made here.
 *   <li>No cycles between features except the listed ones.
 * </ol>
 */
@DatabaseIndependent
class ArchitectureTest {
    /** Packages any feature may use: they hold no feature's data. */
    private static final Set<String> SHARED = Set.of("problem", "config", "text");

    /**
     * Cross-feature uses of entities that remain, as "class → entity" (simple names, feature-qualified), each with
     * why it is still there. Remove a line when its use is gone; never add one without a reason.
     */
    private static final Map<String, String> ENTITY_EXCEPTIONS = new TreeMap<>(Map.ofEntries(
            // The search index reads rows in bulk to build and follow the index (its own change feed is being
            // reworked in the engine issue, item 2); one projection API per feature is the next step.
            exception("search.IndexSource", "coding.Coding", "index build and follow read codings in bulk"),
            exception("search.IndexSource", "corpus.Document", "index build reads document texts"),
            exception("search.IndexSource", "corpus.ResearchCase", "index build reads case attributes"),
            exception("search.IndexSource", "project.Project", "index build lists projects"),
            exception("search.IndexSource", "audit.AuditEvent", "the change feed is the audit log (item 2)"),
            exception("search.SearchService", "codebook.Code", "search names codes in answers"),
            exception("search.SearchService", "corpus.Document", "search names documents in answers"),
            exception("search.SearchService", "identity.AppUser", "search resolves coder names"),
            exception("search.SearchScope", "identity.AppUser", "coder filters resolve user names"),
            // Agreement rounds read both layers of codings with their documents and codes to compute coefficients.
            exception("agreement.rounds.RoundData", "coding.Coding", "reads the coders' layers of a round"),
            exception("agreement.rounds.RoundData", "corpus.Document", "reads the round's texts"),
            exception("agreement.rounds.RoundData", "corpus.DocumentUnit", "units of analysis of the round"),
            exception("agreement.rounds.RoundData", "codebook.Code", "the round's codes"),
            exception("agreement.rounds.RoundData", "identity.AppUser", "the round's coders"),
            exception("agreement.rounds.AgreementService", "coding.Coding", "adjudication reads the layers"),
            exception("agreement.rounds.AgreementService", "coding.Memo", "adjudication notes"),
            exception("agreement.rounds.AgreementService", "identity.AppUser", "coder names"),
            exception("agreement.rounds.RoundService", "corpus.Document", "checks a round's documents"),
            exception("agreement.rounds.RoundService", "identity.AppUser", "checks a round's coders"),
            // Exports read whole projects; streaming them through feature projections is the exports' own item 5.
            exception("exchange.QdpxExportService", "corpus.Document", "exports every text"),
            exception("exchange.QdpxExportService", "corpus.ResearchCase", "exports cases"),
            exception("exchange.QdpxExportService", "identity.AppUser", "exports users"),
            exception("exchange.QdpxExportService", "project.Project", "exports the project's name"),
            exception("exchange.SegmentExportService", "corpus.Document", "quotes coded text"),
            exception("exchange.SegmentExportService", "corpus.DocumentUnit", "speaker of each quote"),
            exception("exchange.SegmentExportService", "corpus.ResearchCase", "case of each quote"),
            exception("exchange.SegmentExportService", "project.Project", "the project's name"),
            exception("exchange.CodebookExportService", "project.Project", "the project's name"),
            // Coding reads the document text and code names it checks against (coding depends on both features).
            exception("coding.CodingService", "corpus.Document", "ranges are checked against the text"),
            exception("coding.CodingService", "codebook.Code", "code names in answers"),
            exception("coding.CodingService", "identity.AppUser", "coder names"),
            exception("coding.DocumentOpening", "identity.AppUser", "coder names, and the coder a layer choice names"),
            exception("coding.CodingBatches", "corpus.Document", "batch undo checks documents"),
            exception("coding.CodingBatches", "identity.AppUser", "names the batch's maker in a 403"),
            exception("coding.IdenticalCodings", "codebook.Code", "names the code in a 409"),
            exception("coding.MemoService", "corpus.Document", "checks a memo's target"),
            exception("coding.MemoService", "identity.AppUser", "author names"),
            // Projections of user names and ownership checks.
            exception("corpus.DocumentService", "identity.AppUser", "the importer's name"),
            exception("analysis.AnalysisService", "identity.AppUser", "the pairs list names each layer's coder"),
            exception("project.ProjectService", "identity.AppUser", "members are added by user name"),
            exception("backup.BackupService", "identity.AppUser", "a backup needs an administrator"),
            exception("demo.DemoProjectLoader", "identity.AppUser", "the demo's accounts")));

    /** The allowed dependencies between features (besides {@link #SHARED}), from the code as of the engine issue. */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("app", Set.of("backup")),
            Map.entry("agreement", Set.of("analysis", "audit", "codebook", "coding", "corpus", "identity", "project")),
            // analysis → identity: the co-occurrence pairs list names the coder of each pair's layer
            Map.entry("analysis", Set.of("codebook", "corpus", "identity", "search")),
            Map.entry("audit", Set.of("identity")),
            Map.entry("backup", Set.of("identity")),
            // the typed change feed: features announce what changed, the search index reads it
            Map.entry("change", Set.of()),
            Map.entry("codebook", Set.of("audit", "change", "identity", "project")),
            Map.entry("coding", Set.of("audit", "change", "codebook", "corpus", "identity", "project")),
            Map.entry("corpus", Set.of("audit", "change", "identity", "project")),
            Map.entry("demo", Set.of("codebook", "coding", "corpus", "identity", "project")),
            Map.entry("exchange", Set.of("analysis", "audit", "change", "codebook", "coding", "corpus", "identity",
                    "project", "search")),
            Map.entry("idempotency", Set.of("identity")),
            Map.entry("identity", Set.of("audit")),
            Map.entry("problem", Set.of("identity")),
            Map.entry("project", Set.of("audit", "change", "identity")),
            Map.entry("search", Set.of("audit", "change", "codebook", "coding", "corpus", "identity", "project")),
            // the JVM's own heap options (IdleHeapSetup)
            Map.entry("jvm", Set.of()),
            Map.entry("storage", Set.of())));

    /**
     * Cycles that remain, as "from → to" edges excused from the cycle rule: identity signs people in and audits
     * account changes, while audit's own REST access goes through identity's access gate; the problem mappers turn
     * identity's sign-in exceptions into problem+json.
     */
    private static final Set<String> KNOWN_CYCLE_EDGES = Set.of("identity → audit", "problem → identity");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.margin");
    }

    @Test
    void entitiesAreUsedOnlyByTheFeatureThatOwnsThem() {
        Set<String> found = new TreeSet<>();
        List<String> offences = new ArrayList<>();
        for (JavaClass from : classes) {
            for (JavaAccess<?> access : from.getAccessesFromSelf()) {
                JavaClass entity = access.getTargetOwner();
                if (!isEntity(entity) || feature(entity).equals(feature(from)) || isFieldRead(access)) {
                    continue;
                }
                String key = name(outermost(from)) + " → " + name(entity);
                found.add(key);
                if (!ENTITY_EXCEPTIONS.containsKey(key)) {
                    offences.add(key + ": " + access.getDescription());
                }
            }
        }
        Set<String> stale = new TreeSet<>(ENTITY_EXCEPTIONS.keySet());
        stale.removeAll(found);
        if (!stale.isEmpty()) {
            System.out.println("ArchitectureTest: exceptions no longer needed (remove them): " + stale);
        }
        assertTrue(offences.isEmpty(), "An entity is used outside the feature that owns it; call the owner's service "
                + "instead (or add an exception with its reason):\n  " + String.join("\n  ", new TreeSet<>(offences)));
    }

    @Test
    void featuresDependOnlyAlongTheAllowedEdges() {
        Set<String> offences = new TreeSet<>();
        Map<String, Set<String>> edges = edges();
        Set<String> unused = new TreeSet<>();
        ALLOWED.forEach((from, targets) -> targets.stream().filter(to -> !edges.getOrDefault(from, Set.of()).contains(to))
                .forEach(to -> unused.add(from + " → " + to)));
        if (!unused.isEmpty()) {
            System.out.println("ArchitectureTest: allowed edges no longer used (remove them): " + unused);
        }
        edges.forEach((from, targets) -> targets.forEach(to -> {
            if (!ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                offences.add(from + " → " + to);
            }
        }));
        assertTrue(offences.isEmpty(), "New dependencies between features (decide, then add them to ALLOWED):\n  "
                + String.join("\n  ", offences));
    }

    @Test
    void noCyclesBetweenFeaturesButTheKnownOnes() {
        Map<String, Set<String>> graph = edges();
        KNOWN_CYCLE_EDGES.forEach(edge -> {
            String[] ends = edge.split(" → ");
            graph.getOrDefault(ends[0], new TreeSet<>()).remove(ends[1]);
        });
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = cycleThrough(graph, start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) {
                cycles.add(String.join(" → ", path));
            }
        }
        assertTrue(cycles.isEmpty(), "Features depend on each other in a cycle:\n  " + String.join("\n  ", cycles));
    }

    /** Feature → features it depends on (shared packages and the JDK left out). */
    private static Map<String, Set<String>> edges() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass from : classes) {
            for (Dependency dependency : from.getDirectDependenciesFromSelf()) {
                JavaClass to = dependency.getTargetClass().getBaseComponentType();
                if (!to.getPackageName().startsWith("app.margin")) {
                    continue;
                }
                String a = feature(from);
                String b = feature(to);
                if (!a.equals(b) && !SHARED.contains(b)) {
                    edges.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
                }
            }
        }
        return edges;
    }

    private static List<String> cycleThrough(Map<String, Set<String>> graph, String start, String at,
            List<String> path, Set<String> visited) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (visited.add(next)) {
                path.add(next);
                List<String> found = cycleThrough(graph, start, next, path, visited);
                if (found != null) {
                    return found;
                }
                path.removeLast();
            }
        }
        return null;
    }

    private static boolean isEntity(JavaClass c) {
        return c.isAnnotatedWith("jakarta.persistence.Entity") && c.getPackageName().startsWith("app.margin");
    }

    /** Reading a field of an entity a service returned is fine; writing one changes another feature's row. */
    private static boolean isFieldRead(JavaAccess<?> access) {
        return access instanceof JavaFieldAccess field && field.getAccessType() == JavaFieldAccess.AccessType.GET
                && !(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget);
    }

    /** The top-level package under app.margin; "app" for classes directly in it. */
    private static String feature(JavaClass c) {
        String rest = c.getPackageName().equals("app.margin") ? "" : c.getPackageName().substring("app.margin.".length());
        return rest.isEmpty() ? "app" : rest.split("\\.")[0];
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static String name(JavaClass c) {
        return c.getName().substring("app.margin.".length());
    }

    private static Map.Entry<String, String> exception(String from, String entity, String reason) {
        return Map.entry(from + " → " + entity, reason);
    }
}
