package app.margin.exchange;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.codebook.Code;
import app.margin.coding.Coding;
import app.margin.coding.CodingLayer;
import app.margin.coding.Memo;
import app.margin.config.MarginConfig;
import app.margin.corpus.AttributeNames;
import app.margin.corpus.Document;
import app.margin.corpus.DocumentKind;
import app.margin.corpus.DocumentUnit;
import app.margin.corpus.ResearchCase;
import app.margin.corpus.importer.DocumentReader;
import app.margin.corpus.importer.ImportRefusedException;
import app.margin.corpus.importer.ImportedText;
import app.margin.corpus.importer.TextUnit;
import app.margin.exchange.ExchangeDtos.ImportReport;
import app.margin.exchange.ExchangeDtos.ImportResult;
import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.problem.ProblemException;
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
import java.time.Instant;
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
    private static final List<String> PALETTE = List.of("#f4a259", "#8cc5e3", "#a5d6a7", "#f28b82", "#cdb4db",
            "#ffd166", "#80cbc4", "#f6bd60", "#b0bec5", "#e6a0c4", "#c5e1a5", "#90a4e0");

    private final CurrentCaller caller;
    private final ProjectService projects;
    private final DocumentReader reader;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final SafeZip.Limits limits;
    private final InflatedBytes inflated;

    QdpxImportService(CurrentCaller caller, ProjectService projects, DocumentReader reader, AuditLog audit, ChangeFeed changes,
            MarginConfig config, InflatedBytes inflated) {
        this.caller = caller;
        this.projects = projects;
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
        p.users().forEach((guid, userName) -> userIds.put(guid, mine.contains(guid) ? me.id : namedCoder(userName).id));

        Map<String, Long> codeIds = new HashMap<>();
        Map<String, List<Long>> memoTargets = new LinkedHashMap<>();
        int[] codeCount = {0};
        storeCodes(pid, p.codes(), null, null, codeIds, memoTargets, codeCount, warnings);

        Map<String, String> attributeNames = new HashMap<>();
        p.variables().forEach((guid, variable) -> {
            try {
                attributeNames.put(guid, AttributeNames.normalise(variable));
            } catch (ProblemException e) {
                warnings.add("The variable ‘" + variable + "’ has no usable name and was left out.");
            }
        });

        Map<String, Long> documentIds = new HashMap<>();
        Set<String> seenCodings = new HashSet<>();
        int codings = 0;
        int duplicates = 0;
        int done = 0;
        Set<String> titles = new HashSet<>();
        for (QdpxReader.Source source : p.sources()) {
            Document doc = storeDocument(me, pid, source, titles, attributeNames, warnings);
            documentIds.put(source.guid(), doc.id);
            addTargets(memoTargets, source.noteRefs(), Memo.Target.DOCUMENT, doc.id);
            for (QdpxReader.Selection sel : source.selections()) {
                for (QdpxReader.Coding c : sel.codings()) {
                    String userGuid = c.userGuid() != null ? c.userGuid() : sel.userGuid();
                    long coderId = userGuid != null && userIds.containsKey(userGuid) ? userIds.get(userGuid) : me.id;
                    long codeId = codeIds.get(c.codeGuid());
                    if (!seenCodings.add(doc.id + "/" + codeId + "/" + coderId + "/" + sel.start() + "/" + sel.end())) {
                        duplicates++;
                        continue;
                    }
                    Coding coding = new Coding();
                    coding.projectId = pid;
                    coding.documentId = doc.id;
                    coding.codeId = codeId;
                    coding.coderId = coderId;
                    coding.layer = layer;
                    coding.startOffset = sel.start();
                    coding.endOffset = sel.end();
                    coding.createdAt = Instant.now();
                    coding.updatedAt = coding.createdAt;
                    coding.persist();
                    codings++;
                    List<String> notes = new ArrayList<>(c.noteRefs());
                    notes.addAll(sel.noteRefs());
                    addTargets(memoTargets, notes, Memo.Target.CODING, coding.id);
                }
            }
            progress.accept(20 + 70 * ++done / Math.max(1, p.sources().size()));
        }
        if (duplicates > 0) {
            warnings.add(duplicates + " coding(s) repeated exactly (same text, code and coder) were imported once.");
        }

        Set<Long> inCase = new HashSet<>();
        for (QdpxReader.Case c : p.cases()) {
            String caseName = clip(c.name(), 200);
            ResearchCase rc = ResearchCase.findByName(pid, caseName).orElse(null);
            if (rc != null) {
                warnings.add("Two cases are named ‘" + caseName + "’; they were merged into one.");
            } else {
                rc = new ResearchCase();
                rc.projectId = pid;
                rc.name = caseName;
            }
            putValues(rc.attributes, c.values(), attributeNames, warnings);
            rc.persist();
            for (String source : c.sourceGuids()) {
                Long docId = documentIds.get(source);
                if (docId == null) {
                    continue;
                }
                if (!inCase.add(docId)) {
                    warnings.add("A document belongs to more than one case in the file; Margin kept its first case.");
                    continue;
                }
                Document.<Document>findById(docId).caseId = rc.id;
            }
        }

        addTargets(memoTargets, p.projectNoteRefs(), Memo.Target.PROJECT, pid);
        int memoCount = 0;
        for (QdpxReader.Note note : p.notes()) {
            List<Object[]> where = noteTargets(memoTargets, note.guid());
            if (where.isEmpty()) {
                where = List.<Object[]>of(new Object[] {Memo.Target.PROJECT, pid});
            }
            for (Object[] target : where) {
                Memo memo = new Memo();
                memo.projectId = pid;
                memo.targetType = (Memo.Target) target[0];
                memo.targetId = (Long) target[1];
                memo.authorId = note.userGuid() != null && userIds.containsKey(note.userGuid())
                        ? userIds.get(note.userGuid()) : me.id;
                memo.title = note.name() == null || note.name().isBlank() ? null : clip(note.name(), 300);
                memo.body = note.text();
                memo.createdAt = Instant.now();
                memo.updatedAt = memo.createdAt;
                memo.persist();
                memoCount++;
            }
        }
        for (Long id : new HashSet<>(userIds.values())) {
            AppUser u = AppUser.findById(id);
            coders.add(u.username);
        }

        ImportReport report = new ImportReport(p.origin() == null || p.origin().isBlank() ? null : p.origin(),
                p.users().size(), codeCount[0], p.sources().size(), codings, memoCount, p.cases().size(),
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

    /** The password-less account that carries a file user's name, whatever accounts Margin has. */
    private static AppUser namedCoder(String name) {
        String username = clip(QdpxExportService.NAMED_CODER_PREFIX + name, 100);
        return AppUser.findByUsername(username).orElseGet(() -> {
            AppUser coder = new AppUser();
            coder.username = username;
            coder.displayName = clip(name, 200);
            coder.roles = "";
            coder.createdAt = Instant.now();
            coder.persist();
            return coder;
        });
    }

    private void storeCodes(long pid, List<QdpxReader.Code> codes, Long parentId, String parentColor,
            Map<String, Long> ids, Map<String, List<Long>> memoTargets, int[] count, List<String> warnings) {
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
            Code code = new Code();
            code.projectId = pid;
            code.parentId = parentId;
            code.name = name;
            code.definition = text[0];
            code.inclusion = text[1];
            code.exclusion = text[2];
            code.example = text[3];
            code.color = c.color() != null ? c.color()
                    : parentColor != null ? parentColor : PALETTE.get(count[0] % PALETTE.size());
            code.createdAt = Instant.now();
            code.persist();
            count[0]++;
            ids.put(c.guid(), code.id);
            addTargets(memoTargets, c.noteRefs(), Memo.Target.CODE, code.id);
            storeCodes(pid, c.children(), code.id, code.color, ids, memoTargets, count, warnings);
        }
    }

    private Document storeDocument(AppUser me, long pid, QdpxReader.Source source, Set<String> titles,
            Map<String, String> attributeNames, List<String> warnings) {
        Document doc = new Document();
        doc.projectId = pid;
        String title = clip(source.name(), 490);
        for (int n = 2; !titles.add(title); n++) {
            title = clip(source.name(), 490) + " (" + n + ")";
        }
        doc.title = title;
        doc.text = source.text();
        doc.textLength = source.text().length();
        byte[] bytes = source.text().getBytes(StandardCharsets.UTF_8);
        List<TextUnit> units = List.of();
        doc.kind = DocumentKind.OTHER;
        doc.language = "und";
        if (!source.text().isBlank()) {
            try {
                ImportedText read = reader.read("source.txt", bytes, null);
                if (read.text().equals(source.text())) {
                    units = read.units();
                    doc.kind = read.kind();
                    doc.language = read.language();
                }
            } catch (ImportRefusedException e) {
                warnings.add("‘" + title + "’: " + e.getMessage());
            }
        }
        doc.sourceFileName = clip(source.guid() + ".txt", 500);
        doc.sourceFormat = "qdpx";
        doc.sourceSha256 = sha256(bytes);
        putValues(doc.attributes, source.values(), attributeNames, warnings);
        doc.importedBy = me.id;
        doc.importedAt = Instant.now();
        doc.persist();
        DocumentUnit.insertAll(doc.id, units);
        return doc;
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
