package app.margin.demo;

import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodeDtos.CreateCodeRequest;
import app.margin.codebook.CodebookService;
import app.margin.coding.CodingDtos.CreateCodingRequest;
import app.margin.coding.CodingDtos.CreateMemoRequest;
import app.margin.coding.CodingService;
import app.margin.coding.Memo;
import app.margin.coding.MemoService;
import app.margin.config.MarginConfig;
import app.margin.corpus.AttributeService;
import app.margin.corpus.DocumentDtos.DocumentView;
import app.margin.corpus.DocumentService;
import app.margin.corpus.ImportDtos.ImportDefaults;
import app.margin.corpus.ImportDtos.ImportManifest;
import app.margin.corpus.ImportDtos.ImportResult;
import app.margin.corpus.ImportDtos.ImportedDocument;
import app.margin.corpus.ImportDtos.IncomingFile;
import app.margin.corpus.ImportService;
import app.margin.identity.AccountService;
import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.identity.FirstAdminBootstrap;
import app.margin.identity.ProjectRole;
import app.margin.project.ProjectDtos.CreateProjectRequest;
import app.margin.project.ProjectDtos.ProjectView;
import app.margin.project.ProjectService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the demo project from sample-corpus/ (packaged with the application) on a fresh database when demo mode
 * is on: the accounts demo-supervisor, demo-coder1 and demo-coder2, the corpus, case attributes, the starting
 * codebook and the two coders' independent codings. It goes through the same services as the API, acting as the
 * seeded accounts, so the demo is exactly what a researcher would have built by hand.
 */
@ApplicationScoped
public class DemoProjectLoader {
    public static final String PROJECT_NAME = "Onward migration (demo)";
    static final String SUPERVISOR = "demo-supervisor";
    static final List<String> CODERS = List.of("demo-coder1", "demo-coder2");

    private final MarginConfig config;
    private final AccountService accounts;
    private final CurrentCaller caller;
    private final ProjectService projects;
    private final ImportService imports;
    private final AttributeService attributes;
    private final CodebookService codebook;
    private final CodingService codings;
    private final DocumentService documents;
    private final MemoService memos;
    private final ObjectMapper json;

    DemoProjectLoader(MarginConfig config, AccountService accounts, CurrentCaller caller, ProjectService projects,
            ImportService imports, AttributeService attributes, CodebookService codebook, CodingService codings,
            DocumentService documents, MemoService memos, ObjectMapper json) {
        this.config = config;
        this.accounts = accounts;
        this.caller = caller;
        this.projects = projects;
        this.imports = imports;
        this.attributes = attributes;
        this.codebook = codebook;
        this.codings = codings;
        this.documents = documents;
        this.memos = memos;
        this.json = json;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) throws IOException {
        // Only into an installation without projects: a restored backup of one that ran without the demo must not
        // gain a demo project when it is started with the default settings.
        if (!config.demo().enabled() || AppUser.findByUsername(SUPERVISOR).isPresent() || projects.anyExists()) {
            return;
        }
        load();
    }

    /**
     * Three transactions instead of one per step (about 190 of them): the accounts and the project; the corpus, which
     * the import service commits file by file; then the attributes, codebook, memos and codings together, so the
     * search index makes one pass over them instead of one per commit. Measured on the 2-core machine (CPU seconds of
     * the whole start with the demo, as wall time there depended on other work): 14.5 s before, 12.2 s after; the
     * indexer thread's share fell by about a third. What remains of the demo is mostly cold code on the services'
     * paths: per coding the audit record (a quarter of the demo's samples), the duplicate check and the access check;
     * and the bcrypt hashes of the three demo accounts (a sixth). A failure in the last part leaves a project without
     * codings, as a failure part-way did before.
     */
    @ActivateRequestContext
    void load() throws IOException {
        long started = System.nanoTime();
        SampleCorpus corpus = new SampleCorpus(json);
        ImportManifest manifest = corpus.manifest();
        List<IncomingFile> files = manifest.files().stream().map(e -> corpus.file(e.file())).toList();
        List<SampleCorpus.SampleCode> sampleCodebook = corpus.codebook();
        Map<String, AppUser> coders = new HashMap<>();
        long[] created = QuarkusTransaction.requiringNew().call(() -> createProjectWithAccounts(coders));
        long pid = created[0];
        AppUser supervisor = AppUser.findById(created[1]);
        long accountsDone = System.nanoTime();

        caller.assume(supervisor);
        ImportResult imported = imports.importFiles(pid, files, ImportDefaults.none(), manifest);
        if (!imported.failed().isEmpty()) {
            Log.warnf("Demo corpus: %d files could not be imported: %s", imported.failed().size(), imported.failed());
        }
        long importDone = System.nanoTime();

        int[] codingCount = new int[1];
        int[] codeCount = new int[1];
        QuarkusTransaction.requiringNew().run(() -> {
            attributes.importCsv(pid, corpus.text("case-attributes.csv"));
            Map<String, Long> codeIds = createCodebook(pid, sampleCodebook);
            codeCount[0] = codeIds.size();
            memos.add(pid, new CreateMemoRequest(Memo.Target.PROJECT, null, "About this demo",
                    "Everything in this project is fictional. demo-coder1 and demo-coder2 coded four interviews "
                            + "independently (P01, P02, P07, P08) so that agreement can be measured."));
            codingCount[0] = addCodings(pid, corpus, imported, codeIds, coders, supervisor);
        });
        long end = System.nanoTime();
        Log.infof("Loaded the demo project %d: %d documents, %d codes, %d codings in %d ms (accounts and project %d ms, "
                + "import %d ms, codebook and codings %d ms)", pid, imported.imported().size(), codeCount[0],
                codingCount[0], (end - started) / 1_000_000, (accountsDone - started) / 1_000_000,
                (importDone - accountsDone) / 1_000_000, (end - importDone) / 1_000_000);
    }

    /** The demo accounts and the project with them as members; returns the project's and the supervisor's ids. */
    private long[] createProjectWithAccounts(Map<String, AppUser> coders) {
        AppUser owner = AppUser.findByUsername(FirstAdminBootstrap.ADMIN_USERNAME).orElseThrow();
        AppUser supervisor = createAccount(SUPERVISOR, "Demo supervisor");
        for (String coder : CODERS) {
            coders.put(coder, createAccount(coder, "Demo coder " + coder.substring(coder.length() - 1)));
        }
        caller.assume(owner);
        ProjectView project = projects.create(new CreateProjectRequest(PROJECT_NAME, "A FICTIONAL corpus about "
                + "North Koreans who moved on from South Korea to the UK, written for Margin's demo. Not real data."));
        projects.addMember(project.id(), SUPERVISOR, ProjectRole.SUPERVISOR);
        for (String coder : CODERS) {
            projects.addMember(project.id(), coder, ProjectRole.CODER);
        }
        caller.assume(supervisor);
        return new long[] {project.id(), supervisor.id};
    }

    /** The two coders' demo codings (with their memos), each made as its coder; returns how many were made. */
    private int addCodings(long pid, SampleCorpus corpus, ImportResult imported, Map<String, Long> codeIds,
            Map<String, AppUser> coders, AppUser supervisor) {
        int codingCount = 0;
        for (ImportedDocument doc : imported.imported()) {
            String csv = corpus.demoCodingsFor(doc.file());
            if (csv == null) {
                continue;
            }
            DocumentView text = documents.get(pid, doc.id());
            for (DemoCoding coding : DemoCoding.parse(csv)) {
                AppUser coder = coders.get(coding.coder());
                Long codeId = codeIds.get(coding.code());
                int start = text.text().indexOf(coding.quote());
                if (coder == null || codeId == null || start < 0) {
                    Log.warnf("Demo coding skipped in %s: unknown coder or code, or quote not found", doc.file());
                    continue;
                }
                caller.assume(coder);
                long codingId = codings.add(pid, new CreateCodingRequest(doc.id(), codeId, start,
                        start + coding.quote().length())).id();
                if (!coding.memo().isBlank()) {
                    memos.add(pid, new CreateMemoRequest(Memo.Target.CODING, codingId, null, coding.memo()));
                }
                codingCount++;
            }
            caller.assume(supervisor);
        }
        return codingCount;
    }

    private AppUser createAccount(String username, String displayName) {
        return accounts.createUnchecked(username, config.demo().password(), displayName, false);
    }

    /** Creates the codebook tree; returns code ids by name (names are unique in the sample codebook). */
    private Map<String, Long> createCodebook(long pid, List<SampleCorpus.SampleCode> roots) {
        Map<String, Long> ids = new HashMap<>();
        createCodes(pid, roots, null, ids);
        return ids;
    }

    private void createCodes(long pid, List<SampleCorpus.SampleCode> codes, Long parentId, Map<String, Long> ids) {
        for (SampleCorpus.SampleCode code : codes == null ? List.<SampleCorpus.SampleCode>of() : codes) {
            CodeView created = codebook.create(pid, new CreateCodeRequest(code.name(), parentId, code.definition(),
                    code.inclusion(), code.exclusion(), code.example(), code.color()));
            ids.put(code.name(), created.id());
            createCodes(pid, code.children(), created.id(), ids);
        }
    }
}
