package app.margin.coding;

import app.margin.codebook.CodebookService;
import app.margin.corpus.DocumentService;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.problem.ProblemException;
import app.margin.problem.TextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/**
 * Codings and memos added by a project import (REFI-QDA), many at once, under the rules of {@link CodingService#add}
 * and {@link MemoService#add}: the caller may code (and adjudicate, for the master layer), documents and codes belong
 * to the project, ranges lie inside the text without cutting a character ({@link Offsets}), memo targets exist in the
 * project. Unlike a single request, the codings name their coder (the file's users). The identical-coding rule
 * ({@link IdenticalCodings}) holds: a coding identical to one already stored or earlier in the list is not stored
 * again, and is counted. No audit event per row: the import records one event for the whole project.
 *
 * <p>Rows are inserted in JDBC batches: identity keys keep Hibernate from batching. Storing a .qdpx of 100 texts,
 * 12,000 codings and 1,000 memos (QdpxImportBenchmark, H2, 2 busy cores) took 5.4–8.4 s with one statement per row
 * and 2.0–3.7 s with batches.
 */
@ApplicationScoped
@Transactional
public class CodingImport {
    /** A coding to store: {@code [start, end)} in UTF-16 code units of the document's text. */
    public record ImportedCoding(long documentId, long codeId, long coderId, int start, int end) {
    }

    /** A memo to store on a target of the project. */
    public record ImportedMemo(Memo.Target targetType, long targetId, long authorId, String title, String body) {
    }

    /** The new codings' ids in the order given; null where a coding was identical to another (not stored). */
    public record StoredCodings(List<Long> ids, int identical) {
    }

    private static final int BATCH = 1_000;

    private final ProjectAccess access;
    private final EntityManager em;

    CodingImport(ProjectAccess access, EntityManager em) {
        this.access = access;
        this.em = em;
    }

    public StoredCodings importCodings(long projectId, CodingLayer layer, List<ImportedCoding> codings) {
        access.require(projectId, layer == CodingLayer.MASTER ? Permission.ADJUDICATE : Permission.CODE);
        Map<Long, String> texts = new HashMap<>();
        Set<Long> codes = new HashSet<>();
        for (ImportedCoding c : codings) {
            String text = texts.computeIfAbsent(c.documentId(), id -> DocumentService.find(projectId, id).text);
            if (codes.add(c.codeId())) {
                CodebookService.referenced(projectId, c.codeId(), "codeId");
            }
            Offsets.requireValid(c.start(), c.end(), text);
        }
        Set<List<Object>> seen = existingKeys(texts.keySet(), layer);
        List<ImportedCoding> fresh = new ArrayList<>();
        List<Long> ids = new ArrayList<>(codings.size());
        for (ImportedCoding c : codings) {
            boolean isNew = seen.add(List.of(c.documentId(), c.codeId(), c.coderId(), c.start(), c.end()));
            if (isNew) {
                fresh.add(c);
            }
            ids.add(isNew ? 0L : null);
        }
        List<Long> inserted = insertCodings(projectId, layer, fresh);
        int next = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null) {
                ids.set(i, inserted.get(next++));
            }
        }
        return new StoredCodings(ids, codings.size() - fresh.size());
    }

    public void importMemos(long projectId, List<ImportedMemo> memos) {
        access.require(projectId, Permission.CODE);
        requireTargets(projectId, memos);
        for (ImportedMemo m : memos) {
            if (m.body() == null || (m.title() != null && m.title().length() > TextLimits.MEMO_TITLE)) {
                throw ProblemException.badRequest("A memo needs a text, and its title has at most "
                        + TextLimits.MEMO_TITLE + " characters.");
            }
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into memo (project_id, target_type, "
                    + "target_id, author_id, title, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                OffsetDateTime now = now();
                int pending = 0;
                for (ImportedMemo m : memos) {
                    insert.setLong(1, projectId);
                    insert.setString(2, m.targetType().name());
                    insert.setLong(3, m.targetId());
                    insert.setLong(4, m.authorId());
                    insert.setString(5, m.title());
                    insert.setString(6, m.body());
                    insert.setObject(7, now);
                    insert.setObject(8, now);
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
            }
        });
    }

    /** The identical-coding keys already stored for these documents in this layer. */
    private Set<List<Object>> existingKeys(Set<Long> documentIds, CodingLayer layer) {
        Set<List<Object>> keys = new HashSet<>();
        for (List<Long> chunk : chunks(List.copyOf(documentIds))) {
            em.createQuery("select c.documentId, c.codeId, c.coderId, c.startOffset, c.endOffset from Coding c "
                            + "where c.documentId in :d and c.layer = :l", Object[].class)
                    .setParameter("d", chunk).setParameter("l", layer).getResultList()
                    .forEach(r -> keys.add(List.of(r[0], r[1], r[2], r[3], r[4])));
        }
        return keys;
    }

    private List<Long> insertCodings(long projectId, CodingLayer layer, List<ImportedCoding> codings) {
        em.flush();
        List<Long> ids = new ArrayList<>(codings.size());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into coding (project_id, document_id, "
                    + "code_id, coder_id, layer, start_offset, end_offset, created_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                OffsetDateTime now = now();
                for (List<ImportedCoding> chunk : chunks(codings)) {
                    for (ImportedCoding c : chunk) {
                        insert.setLong(1, projectId);
                        insert.setLong(2, c.documentId());
                        insert.setLong(3, c.codeId());
                        insert.setLong(4, c.coderId());
                        insert.setString(5, layer.name());
                        insert.setInt(6, c.start());
                        insert.setInt(7, c.end());
                        insert.setObject(8, now);
                        insert.setObject(9, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(keys.getLong(1));
                        }
                    }
                }
            }
        });
        if (ids.size() != codings.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " ids for " + codings.size()
                    + " inserted codings");
        }
        return ids;
    }

    private void requireTargets(long projectId, List<ImportedMemo> memos) {
        Set<Long> codings = new HashSet<>();
        for (ImportedMemo m : memos) {
            switch (m.targetType()) {
                case PROJECT -> {
                    if (m.targetId() != projectId) {
                        throw ProblemException.badRequest("A project memo belongs to its own project.");
                    }
                }
                case DOCUMENT -> DocumentService.find(projectId, m.targetId());
                case CODE -> CodebookService.referenced(projectId, m.targetId(), "targetId");
                case CODING -> codings.add(m.targetId());
            }
        }
        Set<Long> found = new HashSet<>();
        for (List<Long> chunk : chunks(List.copyOf(codings))) {
            found.addAll(em.createQuery("select c.id from Coding c where c.projectId = :p and c.id in :ids", Long.class)
                    .setParameter("p", projectId).setParameter("ids", chunk).getResultList());
        }
        if (!found.containsAll(codings)) {
            throw ProblemException.badRequest("A memo is attached to a coding that is not in this project.");
        }
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }
}
