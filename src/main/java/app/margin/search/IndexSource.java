package app.margin.search;

import app.margin.audit.AuditEvent;
import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange;
import app.margin.change.IndexChange.CodingsChanged;
import app.margin.change.IndexChange.DocumentsChanged;
import app.margin.change.IndexChange.ProjectDeleted;
import app.margin.coding.Coding;
import app.margin.coding.CodingLayer;
import app.margin.corpus.Document;
import app.margin.corpus.ResearchCase;
import app.margin.project.Project;
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

    private final AuditLog audit;
    private final ChangeFeed feed;

    IndexSource(AuditLog audit, ChangeFeed feed) {
        this.audit = audit;
        this.feed = feed;
    }

    /** Feed rows this far behind the index's last commit are read by no one: see {@link ChangeFeed#prune}. */
    void pruneFeed(long projectId, long committedSeq) {
        if (committedSeq > REPLAY_LIMIT) {
            feed.prune(projectId, committedSeq - REPLAY_LIMIT);
        }
    }

    void forgetFeed(long projectId) {
        feed.forget(projectId);
    }

    /**
     * What changed after {@code appliedSeq}: everything, or the documents to index again whole, and per document the
     * single codings changed (added, moved, removed) with the ranges they covered before and after.
     */
    record Changes(long latestSeq, String latestHash, boolean everything, Set<Long> documentIds,
            Map<Long, CodingEdits> codingEdits, boolean foreign) {
        Changes(long latestSeq, String latestHash, boolean everything, Set<Long> documentIds) {
            this(latestSeq, latestHash, everything, documentIds, Map.of(), false);
        }

        Changes(long latestSeq, String latestHash, boolean everything, Set<Long> documentIds,
                Map<Long, CodingEdits> codingEdits) {
            this(latestSeq, latestHash, everything, documentIds, codingEdits, false);
        }

        /** The index holds another database's history (replaced or restored): no search may read it any more. */
        static Changes foreign(long latestSeq, String latestHash) {
            return new Changes(latestSeq, latestHash, true, Set.of(), Map.of(), true);
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
     * What changed after the index's last applied change, read from the typed change feed ({@link ChangeFeed}). An
     * index whose last change is not in this database's audit chain (same number, other hash: the database was
     * replaced), or further behind than the feed reaches, is rebuilt.
     */
    Changes changesAfter(long projectId, long appliedSeq, String appliedHash) {
        AuditLog.Head head = audit.head(projectId);
        long latest = head.seq();
        String latestHash = head.hash();
        if (appliedSeq > 0 && (appliedSeq > latest || !java.util.Objects.equals(hashAt(projectId, appliedSeq), appliedHash))) {
            return Changes.foreign(latest, latestHash);
        }
        if (latest == appliedSeq) {
            return new Changes(latest, latestHash, false, Set.of());
        }
        if (appliedSeq == 0 || latest - appliedSeq > REPLAY_LIMIT) {
            return new Changes(latest, latestHash, true, Set.of());
        }
        ChangeFeed.Replay replay = feed.after(projectId, appliedSeq, latest);
        if (!replay.complete()) {
            return new Changes(latest, latestHash, true, Set.of());
        }
        Set<Long> documents = new LinkedHashSet<>();
        Map<Long, CodingEdits> edits = new LinkedHashMap<>();
        for (IndexChange change : replay.changes()) {
            switch (change) {
                case DocumentsChanged d -> documents.addAll(d.documentIds());
                case CodingsChanged c -> c.codings().forEach(coding -> {
                    // one coding's change re-indexes its segment and the units around it, not the whole document
                    // (which took most of the indexer's time under fifty coders, and grows with a document's codings)
                    CodingEdits edit = edits.computeIfAbsent(coding.documentId(), id -> new CodingEdits());
                    edit.codingIds().add(coding.codingId());
                    for (IndexChange.Range range : new IndexChange.Range[] {coding.before(), coding.after()}) {
                        if (range != null) {
                            edit.ranges().add(new TextLayout.Span(range.start(), range.end()));
                        }
                    }
                });
                case ProjectDeleted p -> {
                    return new Changes(latest, latestHash, true, Set.of()); // the pass finds it gone and drops it
                }
            }
        }
        documents.forEach(edits::remove); // indexed whole anyway
        return new Changes(latest, latestHash, false, documents, edits);
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
}
