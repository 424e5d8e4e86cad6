package app.margin.coding;

import app.margin.audit.AuditLog;
import app.margin.coding.CodingDtos.CodingView;
import app.margin.corpus.DocumentDtos.DocumentView;
import app.margin.corpus.DocumentService;
import app.margin.identity.AppUser;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the viewer needs to open a document, in one request: the document (text, units, metadata) and the codings of
 * one layer choice that the caller may see ({@link LayerVisibility}, as {@code GET …/codings} applies it). The answer
 * carries a tag ({@link OpeningTag}) that changes with anything that could change it; a caller who sends the tag it
 * holds gets "not modified" after two one-row reads (membership and the project's audit head) instead of the text.
 */
@ApplicationScoped
public class DocumentOpening {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final DocumentService documents;
    private final EntityManager em;

    DocumentOpening(ProjectAccess access, AuditLog audit, DocumentService documents, EntityManager em) {
        this.access = access;
        this.audit = audit;
        this.documents = documents;
        this.em = em;
    }

    /** The document with the codings shown on it. */
    public record OpenedDocument(DocumentView document, List<CodingView> codings) {
    }

    /** The tag of the answer, and the answer itself unless the caller's copy is current ({@code opened} null). */
    public record Answer(String etag, OpenedDocument opened) {
        public boolean notModified() {
            return opened == null;
        }
    }

    /**
     * Opens a document with the codings of {@code layer} (null: every layer) and {@code coder} (a user name; null:
     * anyone's) that the caller may see. {@code ifNoneMatch} is the caller's If-None-Match header, or null.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Answer open(long projectId, long documentId, CodingLayer layer, String coder, String ifNoneMatch) {
        Grant grant = access.require(projectId, Permission.READ);
        String coderName = coder == null || coder.isBlank() ? null : coder.strip();
        // The head is read before anything it stands for: what is read after it is at least as new, so a tag never
        // names an answer older than itself (at worst a newer answer under an older tag, which only costs a 200).
        String etag = OpeningTag.of(grant, documentId, audit.head(projectId), layer, coderName);
        if (OpeningTag.matches(ifNoneMatch, etag)) {
            return new Answer(etag, null);
        }
        LayerVisibility visibility = LayerVisibility.of(grant);
        Long coderId = null;
        if (coderName != null) {
            AppUser user = AppUser.findByUsername(coderName).orElse(null);
            coderId = user == null ? -1L : user.id;
            visibility.requireMayView(coderId);
        }
        DocumentView document = documents.get(grant, documentId);
        return new Answer(etag, new OpenedDocument(document, codings(grant, visibility, documentId, layer, coderId)));
    }

    /** The codings on the document in {@code GET …/codings?documentId=}'s order, read as one projection. */
    private List<CodingView> codings(Grant grant, LayerVisibility visibility, long documentId, CodingLayer layer,
            Long coderId) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("projectId = :p and documentId = :d");
        params.put("p", grant.projectId());
        params.put("d", documentId);
        if (coderId != null) {
            where.append(" and coderId = :u");
            params.put("u", coderId);
        }
        if (layer != null) {
            where.append(" and layer = :l");
            params.put("l", layer);
        }
        where.append(visibility.restriction(params));
        var query = em.createQuery("select id, codeId, coderId, layer, startOffset, endOffset, createdAt, updatedAt, "
                + "version from Coding where " + where + " order by documentId, startOffset, endOffset, id", Object[].class);
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        Map<Long, String> names = AppUser.usernamesById(rows.stream().map(r -> (Long) r[2]).distinct().toList());
        return rows.stream().map(r -> new CodingView((Long) r[0], documentId, (Long) r[1], names.get((Long) r[2]),
                (CodingLayer) r[3], (Integer) r[4], (Integer) r[5], (Instant) r[6], (Instant) r[7], (Long) r[8]))
                .toList();
    }
}
