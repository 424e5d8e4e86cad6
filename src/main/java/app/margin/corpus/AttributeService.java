package app.margin.corpus;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.corpus.AttributeDtos.AttributesResult;
import app.margin.corpus.AttributeDtos.AttributesUpdate;
import app.margin.corpus.AttributeDtos.CaseAttributes;
import app.margin.corpus.AttributeDtos.CaseView;
import app.margin.corpus.AttributeDtos.DocumentAttributes;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import app.margin.problem.TextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Cases and their attributes, per case or per document, from JSON or from a CSV table. */
@ApplicationScoped
@Transactional
public class AttributeService {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final EntityManager em;

    AttributeService(ProjectAccess access, AuditLog audit, ChangeFeed changes, EntityManager em) {
        this.access = access;
        this.audit = audit;
        this.changes = changes;
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaseView> cases(long projectId) {
        access.require(projectId, Permission.READ);
        Map<Long, List<Long>> documentsByCase = new HashMap<>();
        em.createQuery("select d.caseId, d.id from Document d where d.projectId = :p and d.caseId is not null "
                        + "order by d.id", Object[].class)
                .setParameter("p", projectId).getResultList()
                .forEach(r -> documentsByCase.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((Long) r[1]));
        return ResearchCase.<ResearchCase>list("projectId = ?1 order by name", projectId).stream()
                .map(c -> new CaseView(c.id, c.name, new TreeMap<>(c.attributes),
                        documentsByCase.getOrDefault(c.id, List.of())))
                .toList();
    }

    public AttributesResult update(long projectId, AttributesUpdate update) {
        Grant grant = access.require(projectId, Permission.MANAGE_CORPUS);
        if (update == null || (isEmpty(update.cases()) && isEmpty(update.documents()))) {
            throw ProblemException.badRequest("Nothing to set: send 'cases' and/or 'documents' with attributes.");
        }
        int casesCreated = 0;
        int casesUpdated = 0;
        for (CaseAttributes entry : nullToEmpty(update.cases())) {
            if (entry.caseName() == null || entry.caseName().isBlank()) {
                throw ProblemException.badRequest("Every entry in 'cases' needs a 'case' name, e.g. \"P07\".");
            }
            TextLimits.require("case", entry.caseName().strip(), TextLimits.CASE_NAME);
            boolean existed = ResearchCase.findByName(projectId, entry.caseName().strip()).isPresent();
            ResearchCase c = ResearchCase.findOrCreate(projectId, entry.caseName().strip());
            Map<String, String> before = new TreeMap<>(c.attributes);
            apply(c.attributes, entry.attributes());
            casesCreated += existed ? 0 : 1;
            casesUpdated++;
            long seq = audit.record(projectId, grant.username(), "case.attributes-set", "CASE", c.id,
                    Map.of("case", c.name, "attributes", before), Map.of("case", c.name, "attributes", c.attributes));
            // the index holds a case's attributes on each of its documents
            changes.publish(seq, new DocumentsChanged(projectId, Set.copyOf(Document.find(
                    "select id from Document where caseId = ?1", c.id).project(Long.class).list())));
            releaseSession();
        }
        int documentsUpdated = 0;
        for (DocumentAttributes entry : nullToEmpty(update.documents())) {
            Document doc = resolve(projectId, entry);
            Map<String, Object> before = Map.of("caseId", String.valueOf(doc.caseId),
                    "attributes", new TreeMap<>(doc.attributes));
            if (entry.caseName() != null && !entry.caseName().isBlank()) {
                TextLimits.require("case", entry.caseName().strip(), TextLimits.CASE_NAME);
                doc.caseId = ResearchCase.findOrCreate(projectId, entry.caseName().strip()).id;
            }
            apply(doc.attributes, entry.attributes());
            documentsUpdated++;
            long seq = audit.record(projectId, grant.username(), "document.attributes-set", "DOCUMENT", doc.id, before,
                    Map.of("caseId", String.valueOf(doc.caseId), "attributes", doc.attributes));
            changes.publish(seq, DocumentsChanged.of(projectId, doc.id));
            releaseSession();
        }
        return new AttributesResult(casesUpdated, casesCreated, documentsUpdated);
    }

    /**
     * Writes what one entry changed and forgets it: each audit append flushes the session, and a table of 2,000 cases
     * would otherwise re-check every case and document seen so far at every row.
     */
    private static void releaseSession() {
        Document.getEntityManager().flush();
        Document.getEntityManager().clear();
    }

    /** A CSV table: a key column {@code case} and/or {@code document}, then one column per attribute. */
    public AttributesResult importCsv(long projectId, String csv) {
        access.require(projectId, Permission.MANAGE_CORPUS);
        return update(projectId, AttributeCsv.parse(csv));
    }

    private static Document resolve(long projectId, DocumentAttributes entry) {
        if (entry.documentId() != null) {
            return DocumentService.find(projectId, entry.documentId());
        }
        if (entry.document() == null || entry.document().isBlank()) {
            throw ProblemException.badRequest("Every entry in 'documents' needs a 'documentId' or a 'document' title.");
        }
        List<Document> matches = Document.list("projectId = ?1 and (title = ?2 or sourceFileName = ?2)",
                projectId, entry.document().strip());
        if (matches.isEmpty()) {
            throw ProblemException.badRequest("There is no document titled or named ‘" + entry.document()
                    + "’ in this project.");
        }
        if (matches.size() > 1) {
            throw ProblemException.badRequest(matches.size() + " documents are titled ‘" + entry.document()
                    + "’; name them by id (documentId) instead.");
        }
        return matches.getFirst();
    }

    private static void apply(Map<String, String> target, Map<String, String> changes) {
        if (changes == null) {
            return;
        }
        changes.forEach((name, value) -> {
            String key = AttributeNames.normalise(name);
            if (value == null || value.isBlank()) {
                target.remove(key);
            } else if (value.strip().length() > TextLimits.ATTRIBUTE_VALUE) {
                throw TextLimits.tooLong(key, value.strip().length(), TextLimits.ATTRIBUTE_VALUE);
            } else {
                target.put(key, value.strip());
            }
        });
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
