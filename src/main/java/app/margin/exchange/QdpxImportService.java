package app.margin.exchange;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.codebook.CodebookImport;
import app.margin.coding.CodingImport;
import app.margin.coding.CodingLayer;
import app.margin.coding.Memo;
import app.margin.config.MarginConfig;
import app.margin.corpus.AttributeNames;
import app.margin.corpus.CorpusImport;
import app.margin.corpus.DocumentKind;
import app.margin.corpus.importer.DocumentReader;
import app.margin.corpus.importer.ImportRefusedException;
import app.margin.corpus.importer.ImportedText;
import app.margin.corpus.importer.TextUnit;
import app.margin.exchange.ExchangeDtos.ImportReport;
import app.margin.exchange.ExchangeDtos.ImportResult;
import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.identity.NamedCoders;
import app.margin.problem.ProblemException;
import app.margin.problem.Words;
import app.margin.project.ProjectDtos.CreateProjectRequest;
import app.margin.project.ProjectDtos.ProjectView;
import app.margin.project.ProjectService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Imports a REFI-QDA project (.qdpx) into a new project owned by the caller, in one transaction: a file that
 * fails any check leaves nothing behind.
 *
 * <p>Users of the file become <em>named coders</em>: password-less accounts {@code qdpx:<name>} that cannot sign in
 * and only carry the name of whoever made the codings, even when a Margin account has the same name (a file could
 * otherwise put words in anyone's layer). Local user names cannot contain ':', so a named coder never collides with
 * a real account, and the export writes the name back without the prefix. The importer claims file users as their
 * own account explicitly ({@link UserMap}).
 *
 * <p>Only the entries project.qde refers to are inflated, each counted against the archive's limits and against the
 * bytes all imports may hold at once ({@link InflatedBytes}), until the import has been stored.
 */
@ApplicationScoped
public class QdpxImportService {
    private final CurrentCaller caller;
    private final ProjectService projects;
    private final NamedCoders namedCoders;
    private final CodebookImport codebook;
    private final CorpusImport corpus;
    private final CodingImport codingImport;
    private final DocumentReader reader;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final SafeZip.Limits limits;
    private final InflatedBytes inflated;

    QdpxImportService(CurrentCaller caller, ProjectService projects, NamedCoders namedCoders, CodebookImport codebook,
            CorpusImport corpus, CodingImport codingImport, DocumentReader reader, AuditLog audit, ChangeFeed changes,
            MarginConfig config, InflatedBytes inflated) {
        this.caller = caller;
        this.projects = projects;
        this.namedCoders = namedCoders;
        this.codebook = codebook;
        this.corpus = corpus;
        this.codingImport = codingImport;
        this.reader = reader;
        this.audit = audit;
        this.changes = changes;
        MarginConfig.Exchange e = config.exchange();
        this.limits = new SafeZip.Limits(e.maxEntries(), e.maxEntrySize(), e.maxTotalSize(), e.maxRatio());
        this.inflated = inflated;
    }

    /** A large project takes longer than the default transaction timeout of 60 s. */
    static final int TIMEOUT_SECONDS = 1800;

    public ImportResult importFile(Path file, String fileName, CodingLayer layer, List<String> userMap) {
        return importFile(file, fileName, layer, userMap, p -> { });
    }

    /**
     * Reads and checks the whole archive, then stores it in one new transaction: all of it or nothing. The inflated
     * bytes stay counted until the import is stored (the parsed texts live that long).
     *
     * @param userMap {@link UserMap} entries: file users the caller claims as their own account
     */
    public ImportResult importFile(Path file, String fileName, CodingLayer layer, List<String> userMap,
            IntConsumer progress) {
        AppUser me = caller.user();
        Map<String, String> map = UserMap.parse(userMap);
        try (InflatedBytes.Share share = inflated.share()) {
            QdpxReader.Parsed parsed;
            try (SafeZip archive = SafeZip.open(file, limits, share::take)) {
                parsed = QdpxReader.read(archive);
            }
            Set<String> mine = UserMap.claimed(map, parsed.users(), me.username);
            progress.accept(20);
            return QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(
                    () -> store(me, parsed, mine, fileName, layer == null ? CodingLayer.MASTER : layer, progress));
        }
    }

    private ImportResult store(AppUser me, QdpxReader.Parsed p, Set<String> mine, String fileName, CodingLayer layer,
            IntConsumer progress) {
        List<String> warnings = new ArrayList<>(p.warnings());
        String name = p.name() == null || p.name().isBlank() ? baseName(fileName) : p.name().strip();
        ProjectView project = projects.create(new CreateProjectRequest(clip(name, 200), p.description()));
        long pid = project.id();

        Map<String, Long> userIds = new HashMap<>();
        TreeSet<String> coders = new TreeSet<>();
        p.users().forEach((guid, userName) -> {
            if (mine.contains(guid)) {
                userIds.put(guid, me.id);
                coders.add(me.username);
            } else {
                String username = clip(QdpxExportService.NAMED_CODER_PREFIX + userName, 100);
                userIds.put(guid, namedCoders.findOrCreate(username, userName));
                coders.add(username);
            }
        });

        Map<String, List<Long>> memoTargets = new LinkedHashMap<>();
        Map<String, Long> codeIds = codebook.importTree(pid, importedCodes(p.codes(), warnings));
        int codeCount = codeIds.size();
        collectCodeNotes(p.codes(), codeIds, memoTargets);

        Map<String, String> attributeNames = new HashMap<>();
        p.variables().forEach((guid, variable) -> {
            try {
                attributeNames.put(guid, AttributeNames.normalise(variable));
            } catch (ProblemException e) {
                warnings.add("The variable ‘" + variable + "’ has no usable name and was left out.");
            }
        });

        Map<String, Long> documentIds = new HashMap<>();
        List<CodingImport.ImportedCoding> codingRows = new ArrayList<>();
        List<List<String>> codingNotes = new ArrayList<>();
        int done = 0;
        Set<String> titles = new HashSet<>();
        for (QdpxReader.Source source : p.sources()) {
            long docId = storeDocument(pid, source, titles, attributeNames, warnings);
            documentIds.put(source.guid(), docId);
            addTargets(memoTargets, source.noteRefs(), Memo.Target.DOCUMENT, docId);
            for (QdpxReader.Selection sel : source.selections()) {
                for (QdpxReader.Coding c : sel.codings()) {
                    String userGuid = c.userGuid() != null ? c.userGuid() : sel.userGuid();
                    long coderId = userGuid != null && userIds.containsKey(userGuid) ? userIds.get(userGuid) : me.id;
                    codingRows.add(new CodingImport.ImportedCoding(docId, codeIds.get(c.codeGuid()), coderId,
                            sel.start(), sel.end()));
                    List<String> notes = new ArrayList<>(c.noteRefs());
                    notes.addAll(sel.noteRefs());
                    codingNotes.add(notes);
                }
            }
            progress.accept(20 + 60 * ++done / Math.max(1, p.sources().size()));
        }
        CodingImport.StoredCodings stored = codingImport.importCodings(pid, layer, codingRows);
        for (int i = 0; i < codingRows.size(); i++) {
            Long codingId = stored.ids().get(i);
            if (codingId != null) {
                addTargets(memoTargets, codingNotes.get(i), Memo.Target.CODING, codingId);
            }
        }
        int codings = codingRows.size() - stored.identical();
        if (stored.identical() > 0) {
            warnings.add(Words.count(stored.identical(), "coding") + " repeated exactly (same text, code and coder) "
                    + (stored.identical() == 1 ? "was" : "were") + " imported once.");
        }
        progress.accept(85);

        Set<Long> inCase = new HashSet<>();
        for (QdpxReader.Case c : p.cases()) {
            String caseName = clip(c.name(), 200);
            Map<String, String> values = new HashMap<>();
            putValues(values, c.values(), attributeNames, warnings);
            CorpusImport.ImportedCase rc = corpus.importCase(pid, caseName, values);
            if (rc.existed()) {
                warnings.add("Two cases are named ‘" + caseName + "’; they were merged into one.");
            }
            for (String source : c.sourceGuids()) {
                Long docId = documentIds.get(source);
                if (docId == null) {
                    continue;
                }
                if (!inCase.add(docId)) {
                    warnings.add("A document belongs to more than one case in the file; Margin kept its first case.");
                    continue;
                }
                corpus.putInCase(pid, docId, rc.id());
            }
        }

        addTargets(memoTargets, p.projectNoteRefs(), Memo.Target.PROJECT, pid);
        List<CodingImport.ImportedMemo> memos = new ArrayList<>();
        for (QdpxReader.Note note : p.notes()) {
            List<Object[]> where = noteTargets(memoTargets, note.guid());
            if (where.isEmpty()) {
                where = List.<Object[]>of(new Object[] {Memo.Target.PROJECT, pid});
            }
            long authorId = note.userGuid() != null && userIds.containsKey(note.userGuid())
                    ? userIds.get(note.userGuid()) : me.id;
            String title = note.name() == null || note.name().isBlank() ? null : clip(note.name(), 300);
            for (Object[] target : where) {
                memos.add(new CodingImport.ImportedMemo((Memo.Target) target[0], (Long) target[1], authorId, title,
                        note.text()));
            }
        }
        codingImport.importMemos(pid, memos);
        int memoCount = memos.size();

        ImportReport report = new ImportReport(p.origin() == null || p.origin().isBlank() ? null : p.origin(),
                p.users().size(), codeCount, p.sources().size(), codings, memoCount, p.cases().size(),
                attributeNames.size(), List.copyOf(coders), List.copyOf(p.skipped()), warnings);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", fileName);
        after.put("origin", report.origin());
        after.put("documents", report.sources());
        after.put("codes", report.codes());
        after.put("codings", report.codings());
        after.put("memos", report.notes());
        after.put("cases", report.cases());
        after.put("skipped", report.skipped().size());
        after.put("documentIds", List.copyOf(documentIds.values()));
        long seq = audit.record(pid, me.username, "project.imported", "PROJECT", pid, null, after);
        changes.publish(seq, new DocumentsChanged(pid, Set.copyOf(documentIds.values())));
        Log.infof("Imported a QDPX file into project %d: %d documents, %d codes, %d codings, %d skipped", pid,
                report.sources(), report.codes(), report.codings(), report.skipped().size());
        progress.accept(100);
        return new ImportResult(pid, report);
    }

    /** Where one note is attached: [type, id] pairs (targets are keyed "TYPE/noteGuid"). */
    private static List<Object[]> noteTargets(Map<String, List<Long>> targets, String noteGuid) {
        List<Object[]> out = new ArrayList<>();
        for (Memo.Target type : Memo.Target.values()) {
            for (Long id : targets.getOrDefault(type + "/" + noteGuid, List.of())) {
                out.add(new Object[] {type, id});
            }
        }
        return out;
    }

    private static void addTargets(Map<String, List<Long>> targets, List<String> notes, Memo.Target type, long id) {
        for (String note : new java.util.LinkedHashSet<>(notes)) {
            targets.computeIfAbsent(type + "/" + note, k -> new ArrayList<>()).add(id);
        }
    }

    /** The file's code tree as the codebook imports it; a repeated name under one parent gets a number. */
    private static List<CodebookImport.ImportedCode> importedCodes(List<QdpxReader.Code> codes,
            List<String> warnings) {
        List<CodebookImport.ImportedCode> out = new ArrayList<>();
        Set<String> siblings = new HashSet<>();
        for (QdpxReader.Code c : codes) {
            String base = c.name() == null || c.name().isBlank() ? "(unnamed code)" : clip(c.name().strip(), 190);
            String name = base;
            for (int n = 2; !siblings.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + " (" + n + ")";
            }
            if (!name.equals(base)) {
                warnings.add("Two codes under the same parent are named ‘" + base + "’; the second is now ‘" + name + "’.");
            }
            String[] text = QdaXml.parseDescription(c.description());
            out.add(new CodebookImport.ImportedCode(c.guid(), name, text[0], text[1], text[2], text[3], c.color(),
                    importedCodes(c.children(), warnings)));
        }
        return out;
    }

    private static void collectCodeNotes(List<QdpxReader.Code> codes, Map<String, Long> ids,
            Map<String, List<Long>> memoTargets) {
        for (QdpxReader.Code c : codes) {
            addTargets(memoTargets, c.noteRefs(), Memo.Target.CODE, ids.get(c.guid()));
            collectCodeNotes(c.children(), ids, memoTargets);
        }
    }

    private long storeDocument(long pid, QdpxReader.Source source, Set<String> titles,
            Map<String, String> attributeNames, List<String> warnings) {
        String title = clip(source.name(), 490);
        for (int n = 2; !titles.add(title); n++) {
            title = clip(source.name(), 490) + " (" + n + ")";
        }
        byte[] bytes = source.text().getBytes(StandardCharsets.UTF_8);
        List<TextUnit> units = List.of();
        DocumentKind kind = DocumentKind.OTHER;
        String language = "und";
        if (!source.text().isBlank()) {
            try {
                ImportedText read = reader.read("source.txt", bytes, null);
                if (read.text().equals(source.text())) {
                    units = read.units();
                    kind = read.kind();
                    language = read.language();
                }
            } catch (ImportRefusedException e) {
                warnings.add("‘" + title + "’: " + e.getMessage());
            }
        }
        Map<String, String> attributes = new HashMap<>();
        putValues(attributes, source.values(), attributeNames, warnings);
        return corpus.importDocument(pid, new CorpusImport.ImportedDocument(title, source.text(), kind, language,
                units, clip(source.guid() + ".txt", 500), "qdpx", sha256(bytes), attributes));
    }

    private static void putValues(Map<String, String> into, Map<String, String> values, Map<String, String> names,
            List<String> warnings) {
        values.forEach((guid, value) -> {
            String name = names.get(guid);
            if (name == null) {
                return;
            }
            if (value.length() > 1000) {
                warnings.add("The value of ‘" + name + "’ was cut to 1,000 characters.");
            }
            into.put(name, clip(value, 1000));
        });
    }

    private static String baseName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "Imported project";
        }
        String base = fileName.replaceAll(".*[/\\\\]", "");
        return base.toLowerCase(Locale.ROOT).endsWith(".qdpx") ? base.substring(0, base.length() - 5) : base;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
