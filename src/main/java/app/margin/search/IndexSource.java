package app.margin.search;

import app.margin.audit.AuditEvent;
import app.margin.audit.AuditLog;
import app.margin.coding.Coding;
import app.margin.coding.CodingLayer;
import app.margin.corpus.Document;
import app.margin.corpus.ResearchCase;
import app.margin.project.Project;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads what the index needs from the database, the source of truth: changes since a point, and documents. */
@ApplicationScoped
@Transactional
class IndexSource {
    /** Past this many changes a full rebuild is cheaper than replaying them one by one. */
    static final int REPLAY_LIMIT = 5_000;

    private final ObjectMapper json;
    private final AuditLog audit;

    IndexSource(ObjectMapper json, AuditLog audit) {
        this.json = json;
        this.audit = audit;
    }

    /**
     * What changed after {@code appliedSeq}: everything, or the documents to index again whole, and per document the
     * single codings changed (added, moved, removed) with the ranges they covered before and after.
     */
    record Changes(long latestSeq, String latestHash, boolean everything, Set<Long> documentIds,
            Map<Long, CodingEdits> codingEdits) {
        Changes(long latestSeq, String latestHash, boolean everything, Set<Long> documentIds) {
            this(latestSeq, latestHash, everything, documentIds, Map.of());
        }

        boolean any(long appliedSeq) {
            return everything || latestSeq != appliedSeq;
        }
    }

    /** Codings of one document changed one by one: their ids, and every range they covered before or after. */
    record CodingEdits(Set<Long> codingIds, List<TextLayout.Span> ranges) {
        CodingEdits() {
            this(new LinkedHashSet<>(), new ArrayList<>());
        }
    }

    /**
     * What changed after the index's last applied change. An index whose last change is not in this database's
     * audit chain (same number, other hash: the database was replaced) is rebuilt.
     */
    Changes changesAfter(long projectId, long appliedSeq, String appliedHash) {
        AuditLog.Head head = audit.head(projectId);
        long latest = head.seq();
        String latestHash = head.hash();
        if (appliedSeq > 0 && (appliedSeq > latest || !java.util.Objects.equals(hashAt(projectId, appliedSeq), appliedHash))) {
            return new Changes(latest, latestHash, true, Set.of());
        }
        if (latest == appliedSeq) {
            return new Changes(latest, latestHash, false, Set.of());
        }
        if (appliedSeq == 0 || latest - appliedSeq > REPLAY_LIMIT) {
            return new Changes(latest, latestHash, true, Set.of());
        }
        Set<Long> documents = new LinkedHashSet<>();
        Map<Long, CodingEdits> edits = new LinkedHashMap<>();
        List<AuditEvent> events = AuditEvent.list("projectId = ?1 and seq > ?2 and seq <= ?3 order by seq",
                projectId, appliedSeq, latest);
        for (AuditEvent event : events) {
            if (affectsEverything(event)) {
                return new Changes(latest, latestHash, true, Set.of());
            }
            if (!singleCoding(event, edits)) {
                documents.addAll(documentsOf(event));
            }
        }
        documents.forEach(edits::remove); // indexed whole anyway
        return new Changes(latest, latestHash, false, documents, edits);
    }

    /**
     * A change of one coding (its snapshots name its document and range): noted in {@code edits}, so only the
     * segment and the units around it are indexed again instead of the whole document (which took most of the
     * indexer's time under fifty coders, and grows with a document's codings). False for any other change.
     */
    private boolean singleCoding(AuditEvent event, Map<Long, CodingEdits> edits) {
        if (!"CODING".equals(event.targetType) || event.targetId == null) {
            return false;
        }
        List<JsonNode> snapshots = new ArrayList<>();
        for (String snapshot : new String[] {event.beforeJson, event.afterJson}) {
            if (snapshot != null) {
                JsonNode node = readJson(snapshot);
                if (node == null || !node.hasNonNull("documentId") || !node.hasNonNull("start") || !node.hasNonNull("end")) {
                    return false;
                }
                snapshots.add(node);
            }
        }
        if (snapshots.isEmpty() || snapshots.stream().map(n -> n.get("documentId").asLong()).distinct().count() != 1) {
            return false;
        }
        CodingEdits edit = edits.computeIfAbsent(snapshots.getFirst().get("documentId").asLong(), id -> new CodingEdits());
        edit.codingIds().add(event.targetId);
        snapshots.forEach(n -> edit.ranges().add(new TextLayout.Span(n.get("start").asInt(), n.get("end").asInt())));
        return true;
    }

    private JsonNode readJson(String snapshot) {
        try {
            return json.readTree(snapshot);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Everything up to the latest change: for a rebuild. */
    Changes everything(long projectId) {
        AuditLog.Head head = audit.head(projectId);
        return new Changes(head.seq(), head.hash(), true, Set.of());
    }

    private String hashAt(long projectId, long seq) {
        if (seq == 0) {
            return null;
        }
        return AuditEvent.find("select hash from AuditEvent where projectId = ?1 and seq = ?2", projectId, seq)
                .project(String.class).firstResult();
    }

    /** The project's last committed change (the head of its audit chain); 0 before the first. */
    long latestSeq(long projectId) {
        return audit.head(projectId).seq();
    }

    /**
     * Every existing project's last committed change, from the chain heads (one small row per project): what to
     * follow. A deleted project's chain stays in the audit log, but not in this answer.
     */
    Map<Long, Long> heads() {
        Map<Long, Long> heads = new java.util.HashMap<>();
        for (Object row : Project.getEntityManager().createNativeQuery("select h.project_id, h.last_seq "
                + "from audit_head h join project p on p.id = h.project_id").getResultList()) {
            Object[] cells = (Object[]) row;
            heads.put(((Number) cells[0]).longValue(), ((Number) cells[1]).longValue());
        }
        return heads;
    }

    boolean projectExists(long projectId) {
        return Project.findById(projectId) != null;
    }

    List<Long> projectIds() {
        return Project.find("select id from Project order by id").project(Long.class).list();
    }

    List<Long> documentIds(long projectId) {
        return Document.find("select id from Document where projectId = ?1 order by id", projectId)
                .project(Long.class).list();
    }

    /** The document as the index holds it, or null when it no longer exists. */
    IndexedDocument read(long documentId) {
        Document doc = Document.findById(documentId);
        if (doc == null) {
            return null;
        }
        Map<String, String> attributes = new TreeMap<>();
        String caseName = null;
        if (doc.caseId != null) {
            ResearchCase rc = ResearchCase.findById(doc.caseId);
            caseName = rc.name;
            attributes.putAll(rc.attributes);
        }
        attributes.putAll(doc.attributes);
        // Plain rows rather than entities: the session need not track a transcript's hundreds of units.
        List<IndexedDocument.Unit> units = Document.getEntityManager().createQuery("select u.startOffset, u.endOffset, "
                + "u.speaker from DocumentUnit u where u.documentId = :d order by u.seq", Object[].class)
                .setParameter("d", documentId).getResultStream()
                .map(row -> new IndexedDocument.Unit((Integer) row[0], (Integer) row[1], (String) row[2])).toList();
        return new IndexedDocument(doc.id, doc.title, doc.kind.name(), caseName, doc.text, units, attributes,
                segments(documentId));
    }

    /** The document's codings as the index holds them, in document order (rows, not entities). */
    List<IndexedDocument.Segment> segments(long documentId) {
        return Coding.getEntityManager().createQuery("select c.id, c.codeId, c.layer, c.coderId, c.startOffset, "
                        + "c.endOffset from Coding c where c.documentId = :d order by c.startOffset, c.id", Object[].class)
                .setParameter("d", documentId).getResultStream()
                .map(row -> new IndexedDocument.Segment((Long) row[0], (Long) row[1],
                        row[2] == CodingLayer.MASTER ? IndexFields.MASTER_LAYER : IndexFields.coderLayer((Long) row[3]),
                        (Integer) row[4], (Integer) row[5])).toList();
    }

    /** Merging or deleting codes and deleting a project touch codings everywhere: rebuild rather than trace. */
    private static boolean affectsEverything(AuditEvent event) {
        return event.action.equals("code.merged") || event.action.equals("code.deleted")
                || event.action.equals("project.deleted");
    }

    private Set<Long> documentsOf(AuditEvent event) {
        Set<Long> ids = new LinkedHashSet<>();
        switch (event.targetType) {
            case "DOCUMENT" -> ids.add(event.targetId);
            case "CASE" -> ids.addAll(Document.find("select id from Document where caseId = ?1", event.targetId)
                    .project(Long.class).list());
            default -> {
            }
        }
        for (String snapshot : new String[] {event.beforeJson, event.afterJson}) {
            ids.addAll(documentIdsIn(snapshot));
        }
        return ids;
    }

    /** "documentId" and "documentIds" named in a change's before/after snapshot (codings, batches of codings). */
    private Set<Long> documentIdsIn(String snapshot) {
        Set<Long> ids = new LinkedHashSet<>();
        if (snapshot == null) {
            return ids;
        }
        try {
            JsonNode node = json.readTree(snapshot);
            if (node.hasNonNull("documentId")) {
                ids.add(node.get("documentId").asLong());
            }
            if (node.has("documentIds")) {
                node.get("documentIds").forEach(id -> ids.add(id.asLong()));
            }
        } catch (java.io.IOException e) {
            // A snapshot that is not JSON names no document.
        }
        return ids;
    }
}
