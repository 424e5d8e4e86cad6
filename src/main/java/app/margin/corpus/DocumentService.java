package app.margin.corpus;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.corpus.DocumentDtos.DocumentSummary;
import app.margin.corpus.DocumentDtos.DocumentView;
import app.margin.corpus.DocumentDtos.UnitView;
import app.margin.corpus.DocumentDtos.UpdateDocumentRequest;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reading documents, changing their metadata, deleting them. */
@ApplicationScoped
@Transactional
public class DocumentService {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final EntityManager em;
    private final DocumentDependents dependents;

    DocumentService(ProjectAccess access, AuditLog audit, ChangeFeed changes, EntityManager em,
            DocumentDependents dependents) {
        this.access = access;
        this.audit = audit;
        this.changes = changes;
        this.em = em;
        this.dependents = dependents;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DocumentSummary> list(long projectId) {
        access.require(projectId, Permission.READ);
        Map<Long, ResearchCase> cases = em.createQuery("select distinct c from ResearchCase c "
                        + "left join fetch c.attributes where c.projectId = :p", ResearchCase.class)
                .setParameter("p", projectId).getResultList().stream() // a stream would repeat a case per attribute row
                .collect(Collectors.toMap(c -> c.id, c -> c, (same, again) -> same));
        // A projection: listing documents must not load their texts.
        List<Object[]> rows = em.createQuery("select d.id, d.title, d.kind, d.language, d.textLength, d.caseId, "
                        + "d.fieldDate, d.fieldPlace, d.fieldAuthor, d.importedAt from Document d "
                        + "where d.projectId = :p order by d.title, d.id", Object[].class)
                .setParameter("p", projectId).getResultList();
        Map<Long, Map<String, String>> ownAttributes = documentAttributes(projectId);
        return rows.stream().map(r -> {
            ResearchCase c = r[5] == null ? null : cases.get((Long) r[5]);
            long id = (Long) r[0];
            return new DocumentSummary(id, (String) r[1], (DocumentKind) r[2], (String) r[3], (Integer) r[4],
                    c == null ? null : c.name, (java.time.LocalDate) r[6], (String) r[7], (String) r[8],
                    (java.time.Instant) r[9], merged(c, ownAttributes.getOrDefault(id, Map.of())));
        }).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DocumentView get(long projectId, long documentId) {
        access.require(projectId, Permission.READ);
        return read(projectId, documentId);
    }

    /**
     * One document for a caller whose READ grant another feature's service has just checked (the viewer's one
     * request, app.margin.coding.DocumentOpening): the same answer as {@link #get(long, long)} without asking for
     * the caller's membership a second time.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DocumentView get(Grant grant, long documentId) {
        if (!grant.can(Permission.READ)) {
            throw new IllegalArgumentException("A grant without READ cannot read a document");
        }
        return read(grant.projectId(), documentId);
    }

    /**
     * The document as projections (its row, its case with its attributes, its own attributes, its units), never as
     * entities: loading the Document entity with its attribute collection, its case and a few hundred units as
     * managed entities gave each of them a snapshot in the persistence context, and a query of its own for each
     * collection, on every opening of a document, although a read changes nothing.
     */
    private DocumentView read(long projectId, long documentId) {
        List<Object[]> rows = em.createQuery("select d.title, d.kind, d.language, d.textLength, d.caseId, "
                        + "d.fieldDate, d.fieldPlace, d.fieldAuthor, d.sourceFileName, d.sourceFormat, d.sourceSha256, "
                        + "d.importedAt, d.importedBy, d.version, d.text from Document d "
                        + "where d.id = :d and d.projectId = :p", Object[].class)
                .setParameter("d", documentId).setParameter("p", projectId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("There is no document " + documentId + " in this project.");
        }
        Object[] r = rows.getFirst();
        Long caseId = (Long) r[4];
        String caseName = null;
        Map<String, String> attributes = new TreeMap<>();
        if (caseId != null) {
            List<Object[]> caseRows = em.createNativeQuery("select c.name, a.name, a.val from research_case c "
                    + "left join case_attribute a on a.case_id = c.id where c.id = ?1", Object[].class)
                    .setParameter(1, caseId).getResultList();
            for (Object[] c : caseRows) {
                caseName = (String) c[0];
                if (c[1] != null) {
                    attributes.put((String) c[1], (String) c[2]);
                }
            }
        }
        // the document's own attribute of the same name wins over its case's
        List<Object[]> own = em.createNativeQuery("select name, val from document_attribute where document_id = ?1",
                Object[].class).setParameter(1, documentId).getResultList();
        own.forEach(a -> attributes.put((String) a[0], (String) a[1]));
        List<UnitView> units = em.createQuery("select u.startOffset, u.endOffset, u.speaker, u.timeMs from DocumentUnit u "
                        + "where u.documentId = :d order by u.seq", Object[].class)
                .setParameter("d", documentId).getResultList().stream()
                .map(u -> new UnitView((Integer) u[0], (Integer) u[1], (String) u[2], Timestamps.format((Long) u[3]),
                        (Long) u[3])).toList();
        String importer = AppUser.usernamesById(List.of((Long) r[12])).get((Long) r[12]);
        return new DocumentView(documentId, (String) r[0], (DocumentKind) r[1], (String) r[2], (Integer) r[3], caseName,
                (java.time.LocalDate) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                (String) r[10], (java.time.Instant) r[11], importer, (Long) r[13], attributes, (String) r[14], units);
    }

    public DocumentView update(long projectId, long documentId, UpdateDocumentRequest request) {
        Grant grant = access.require(projectId, Permission.MANAGE_CORPUS);
        Document doc = find(projectId, documentId);
        if (request.version() != null && request.version() != doc.version) {
            throw ProblemException.staleVersion("The document");
        }
        Map<String, Object> before = metadata(doc);
        if (request.title() != null) {
            if (request.title().isBlank()) {
                throw ProblemException.badRequest("A document needs a title.");
            }
            doc.title = request.title().strip();
        }
        if (request.caseName() != null) {
            doc.caseId = request.caseName().isBlank() ? null
                    : ResearchCase.findOrCreate(projectId, request.caseName().strip()).id;
        }
        if (request.date() != null) {
            try {
                doc.fieldDate = DocumentMetadata.parseDate(request.date(), doc.title);
            } catch (InvalidMetadataException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }
        if (request.place() != null) {
            doc.fieldPlace = emptyToNull(request.place());
        }
        if (request.author() != null) {
            doc.fieldAuthor = emptyToNull(request.author());
        }
        if (request.language() != null && !request.language().isBlank()) {
            doc.language = request.language().strip();
        }
        em.flush();
        long seq = audit.record(projectId, grant.username(), "document.updated", "DOCUMENT", documentId, before,
                metadata(doc));
        changes.publish(seq, DocumentsChanged.of(projectId, documentId));
        return get(projectId, documentId);
    }

    /** Deletes a document with its codings and memos; the audit event keeps how many there were. */
    public void delete(long projectId, long documentId) {
        Grant grant = access.require(projectId, Permission.MANAGE_CORPUS);
        Document doc = find(projectId, documentId);
        Map<String, Object> before = metadata(doc);
        before.put("codings", (int) dependents.removeForDocument(projectId, documentId));
        doc.delete();
        long seq = audit.record(projectId, grant.username(), "document.deleted", "DOCUMENT", documentId, before, null);
        changes.publish(seq, DocumentsChanged.of(projectId, documentId));
    }

    /** The document if it belongs to the project (never one of another project), else 404. */
    public static Document find(long projectId, long documentId) {
        Document doc = Document.findById(documentId);
        if (doc == null || doc.projectId != projectId) {
            throw ProblemException.notFound("There is no document " + documentId + " in this project.");
        }
        return doc;
    }

    private Map<Long, Map<String, String>> documentAttributes(long projectId) {
        List<Object[]> rows = em.createNativeQuery("select a.document_id, a.name, a.val from document_attribute a "
                + "join document d on d.id = a.document_id where d.project_id = ?1", Object[].class)
                .setParameter(1, projectId).getResultList();
        Map<Long, Map<String, String>> byDocument = new HashMap<>();
        for (Object[] r : rows) {
            byDocument.computeIfAbsent(((Number) r[0]).longValue(), k -> new TreeMap<>()).put((String) r[1], (String) r[2]);
        }
        return byDocument;
    }

    /** Case attributes first; a document's own attribute of the same name wins. */
    private static Map<String, String> merged(ResearchCase c, Map<String, String> own) {
        Map<String, String> all = new TreeMap<>();
        if (c != null) {
            all.putAll(c.attributes);
        }
        all.putAll(own);
        return all;
    }

    private static Map<String, Object> metadata(Document doc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", doc.title);
        m.put("caseId", doc.caseId);
        m.put("date", doc.fieldDate == null ? null : doc.fieldDate.toString());
        m.put("place", doc.fieldPlace);
        m.put("author", doc.fieldAuthor);
        m.put("language", doc.language);
        return m;
    }

    private static String emptyToNull(String value) {
        return value.isBlank() ? null : value.strip();
    }
}
