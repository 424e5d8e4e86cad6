package app.margin.corpus;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.config.MarginConfig;
import app.margin.corpus.ImportDtos.FailedFile;
import app.margin.corpus.ImportDtos.ImportDefaults;
import app.margin.corpus.ImportDtos.ImportManifest;
import app.margin.corpus.ImportDtos.ImportResult;
import app.margin.corpus.ImportDtos.ImportedDocument;
import app.margin.corpus.ImportDtos.IncomingFile;
import app.margin.corpus.ImportDtos.ManifestEntry;
import app.margin.corpus.importer.DocumentReader;
import app.margin.corpus.importer.ImportRefusedException;
import app.margin.corpus.importer.ImportedText;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import app.margin.problem.SqlFailures;
import app.margin.problem.StorageFailure;
import app.margin.problem.StorageProblems;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a batch of files into a project. Each file is read and saved on its own: one that cannot be imported is
 * reported with its reason and does not stop the others.
 */
@ApplicationScoped
public class ImportService {
    private final ProjectAccess access;
    private final DocumentReader reader;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final MarginConfig config;

    ImportService(ProjectAccess access, DocumentReader reader, AuditLog audit, ChangeFeed changes, MarginConfig config) {
        this.access = access;
        this.reader = reader;
        this.audit = audit;
        this.changes = changes;
        this.config = config;
    }

    /**
     * Each file is its own transaction: all of it or none of it, committed before the next is read. A long import
     * therefore holds the project's audit chain only for the moment each file is written, and coders keep coding;
     * a crash part-way keeps every file committed before it.
     *
     * @return what was imported and what failed; throws 400 (or 413 when every file was too large) when nothing
     *         could be imported, with the per-file reasons in the problem's {@code failed} member
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ImportResult importFiles(long projectId, List<IncomingFile> files, ImportDefaults defaults,
            ImportManifest manifest) {
        Grant grant = access.require(projectId, Permission.MANAGE_CORPUS);
        if (files == null || files.isEmpty()) {
            throw ProblemException.badRequest("No file was attached. Send one or more files in form parts named 'file'.");
        }
        DocumentMetadata.requireStorable(defaults);
        if (files.size() > config.importing().maxFiles()) {
            throw ProblemException.badRequest("At most " + config.importing().maxFiles()
                    + " files can be imported at once; this request has " + files.size() + ".");
        }
        List<ImportedDocument> imported = new ArrayList<>();
        List<FailedFile> failed = new ArrayList<>();
        int oversize = 0;
        RuntimeException storageFailure = null;
        for (IncomingFile file : files) {
            ManifestEntry entry = manifest == null ? null : manifest.entryFor(file.fileName());
            String displayName = file.fileName() == null || file.fileName().isBlank() ? "(unnamed file)" : file.fileName();
            if (file.size() > config.importing().maxFileSize()) {
                oversize++;
                failed.add(new FailedFile(displayName, "‘" + displayName + "’ is " + megabytes(file.size())
                        + ", more than the limit of " + megabytes(config.importing().maxFileSize())
                        + " per file. Split it, or ask your administrator to raise margin.import.max-file-size."));
                continue;
            }
            try {
                PreparedDocument prepared = prepare(grant, displayName, file.content().read(), defaults, entry,
                        files.size() == 1);
                imported.add(QuarkusTransaction.requiringNew().call(() -> store(grant, prepared)));
            } catch (QuarkusTransactionException | PersistenceException e) {
                // The files saved before this one stay saved, and the answer must say so rather than fail whole.
                // A full or read-only disk is logged once for the whole installation, not once per file.
                StorageFailure.of(e).ifPresentOrElse(StorageProblems::log, () -> Log.errorf(SqlFailures.loggable(e),
                        "Saving imported file number %d into project %d failed; it was rolled back",
                        failed.size() + imported.size() + 1, projectId));
                storageFailure = e;
                failed.add(new FailedFile(displayName, "‘" + displayName + "’ could not be saved (the database refused "
                        + "it), so nothing of it was kept. The files listed as imported are saved. Try this one again; "
                        + "if it fails again, ask your administrator to look at Margin's log."));
            } catch (ImportRefusedException | InvalidMetadataException e) {
                failed.add(new FailedFile(displayName, e.getMessage()));
            } catch (IOException e) {
                Log.warnf(e, "Could not read uploaded file number %d", failed.size() + imported.size() + 1);
                failed.add(new FailedFile(displayName, "‘" + displayName + "’ could not be read from the upload. Try again."));
            }
        }
        if (imported.isEmpty() && storageFailure != null) {
            throw storageFailure; // nothing was saved: the problem mappers say why (e.g. a full disk)
        }
        if (imported.isEmpty()) {
            ProblemException problem = oversize == files.size()
                    ? new ProblemException(413, "Upload too large", failed.getFirst().reason())
                    : ProblemException.badRequest(failed.size() == 1 ? failed.getFirst().reason()
                            : "None of the " + failed.size() + " files could be imported; see 'failed' for each reason.");
            throw problem.with("imported", List.of()).with("failed", failed);
        }
        Log.infof("Imported %d documents into project %d, %d refused", imported.size(), projectId, failed.size());
        return new ImportResult(imported, failed);
    }

    /** A file read and described, not yet saved: everything that can refuse it happens before its transaction. */
    private record PreparedDocument(Document doc, String caseName, ImportedText read, String fileName) {
    }

    private PreparedDocument prepare(Grant grant, String fileName, byte[] content, ImportDefaults defaults,
            ManifestEntry entry, boolean singleFile) throws ImportRefusedException, InvalidMetadataException {
        DocumentMetadata.requireFits(entry, fileName);
        DocumentKind requestedKind = first(entry == null ? null : entry.kind(), defaults.kind());
        ImportedText read = reader.read(fileName, content, requestedKind);

        Document doc = new Document();
        doc.projectId = grant.projectId();
        doc.text = read.text();
        doc.textLength = read.text().length();
        doc.kind = requestedKind != null ? requestedKind : read.kind();
        doc.title = clip(first(entry == null ? null : entry.title(), singleFile ? defaults.title() : null,
                read.title(), withoutExtension(fileName)), 500);
        doc.language = first(entry == null ? null : entry.language(), defaults.language(), read.language());
        doc.sourceFileName = clip(fileName, 500);
        doc.sourceFormat = extension(fileName);
        doc.sourceSha256 = sha256(content);
        doc.fieldDate = DocumentMetadata.parseDate(first(entry == null ? null : entry.date(), defaults.date()), fileName);
        doc.fieldPlace = first(entry == null ? null : entry.place(), defaults.place());
        doc.fieldAuthor = first(entry == null ? null : entry.author(), defaults.author());
        if (entry != null && entry.attributes() != null) {
            doc.attributes.putAll(AttributeNames.normaliseAll(entry.attributes()));
        }
        doc.importedBy = grant.userId();
        String caseName = first(entry == null ? null : entry.caseName(), defaults.caseName());
        return new PreparedDocument(doc, caseName == null || caseName.isBlank() ? null : caseName.strip(), read, fileName);
    }

    /** Saves one prepared file with its units and audit event; runs in the file's own transaction. */
    private ImportedDocument store(Grant grant, PreparedDocument prepared) {
        Document doc = prepared.doc();
        if (prepared.caseName() != null) {
            doc.caseId = ResearchCase.findOrCreate(grant.projectId(), prepared.caseName()).id;
        }
        doc.importedAt = Instant.now();
        DocumentRows.insert(doc);

        DocumentUnit.insertAll(doc.id, prepared.read().units());
        int units = prepared.read().units().size();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("title", doc.title);
        after.put("kind", doc.kind);
        after.put("file", prepared.fileName());
        after.put("length", doc.textLength);
        after.put("units", units);
        after.put("sha256", doc.sourceSha256);
        long seq = audit.record(grant.projectId(), grant.username(), "document.imported", "DOCUMENT", doc.id, null,
                after);
        changes.publish(seq, DocumentsChanged.of(grant.projectId(), doc.id));
        return new ImportedDocument(doc.id, doc.title, doc.kind, doc.textLength, doc.language, prepared.fileName(), units);
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null && !(candidate instanceof String s && s.isBlank())) {
                return candidate;
            }
        }
        return null;
    }

    private static String withoutExtension(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : clip(fileName.substring(dot + 1).toLowerCase(), 10);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_048_576.0);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
