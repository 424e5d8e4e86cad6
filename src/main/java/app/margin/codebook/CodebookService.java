package app.margin.codebook;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.CodingChange;
import app.margin.change.IndexChange.CodingsChanged;
import app.margin.change.IndexChange.Range;
import app.margin.codebook.CodeDtos.CodeOutline;
import app.margin.codebook.CodeDtos.CodeView;
import app.margin.codebook.CodeDtos.CreateCodeRequest;
import app.margin.codebook.CodeDtos.MergeResult;
import app.margin.codebook.CodeDtos.UpdateCodeRequest;
import app.margin.codebook.CodebookChanged.CodedPlace;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import app.margin.problem.Words;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The codebook tree. The coding feature depends on the codebook and not the other way round: deleting a code asks
 * the coding feature to remove what points at it ({@link CodeDependents}). Merge still moves codings and memos through
 * SQL on their tables, which ArchitectureTest cannot see: the one place left where the codebook writes coding rows.
 */
@ApplicationScoped
@Transactional
public class CodebookService {
    /** What happens to a code's codings when it is deleted. */
    public enum CodingsOnDelete {
        /** Refuse while the code has codings (the default: nothing is lost by accident). */
        REFUSE,
        /** Delete the codings with the code. */
        DELETE
    }

    private final ProjectAccess access;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final EntityManager em;
    private final VisibleCodingCounts visibleCounts;
    private final CodeDependents dependents;
    /** Heard by the live event streams after the commit. */
    private final Event<CodebookChanged> changed;

    CodebookService(ProjectAccess access, AuditLog audit, ChangeFeed changes, EntityManager em,
            VisibleCodingCounts visibleCounts, CodeDependents dependents, Event<CodebookChanged> changed) {
        this.changed = changed;
        this.changes = changes;
        this.access = access;
        this.audit = audit;
        this.em = em;
        this.visibleCounts = visibleCounts;
        this.dependents = dependents;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CodeView> list(long projectId) {
        Grant grant = access.require(projectId, Permission.READ);
        List<Code> codes = Code.ofProject(projectId);
        Map<Long, Long> counts = visibleCounts.perCode(grant);
        CodeTree tree = new CodeTree(codes);
        return tree.depthFirst().stream().map(c -> view(c, tree, counts)).toList();
    }

    /** The codebook in tree order, for labelling matrices: skips the coding counts, a scan of every coding. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CodeOutline> outline(long projectId) {
        access.require(projectId, Permission.READ);
        CodeTree tree = new CodeTree(Code.ofProject(projectId));
        return tree.depthFirst().stream().map(c -> new CodeOutline(c.id, c.name, c.parentId, tree.path(c.id), c.color))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CodeView get(long projectId, long codeId) {
        Grant grant = access.require(projectId, Permission.READ);
        return view(find(projectId, codeId), new CodeTree(Code.ofProject(projectId)), visibleCounts.perCode(grant));
    }

    public CodeView create(long projectId, CreateCodeRequest request) {
        Grant grant = access.require(projectId, Permission.EDIT_CODEBOOK);
        Code parent = request.parentId() == null ? null : referenced(projectId, request.parentId(), "parentId");
        String name = request.name().strip();
        requireUniqueName(projectId, request.parentId(), name, null);
        Code code = new Code();
        code.projectId = projectId;
        code.parentId = request.parentId();
        code.name = name;
        code.definition = request.definition();
        code.inclusion = request.inclusion();
        code.exclusion = request.exclusion();
        code.example = request.example();
        code.color = CodeColors.forNewCode(request.color(), parent, Code.children(projectId, request.parentId()).size());
        code.createdAt = Instant.now();
        code.persist();
        long seq = audit.record(projectId, grant.username(), "code.created", "CODE", code.id, null, snapshot(code));
        changed.fire(CodebookChanged.of(projectId, code.id, seq));
        return view(projectId, code);
    }

    public CodeView update(long projectId, long codeId, UpdateCodeRequest request) {
        Grant grant = access.require(projectId, Permission.EDIT_CODEBOOK);
        Code code = find(projectId, codeId);
        requireVersion(code, request.version());
        String name = request.name().strip();
        requireUniqueName(projectId, code.parentId, name, code.id);
        Map<String, Object> before = snapshot(code);
        code.name = name;
        code.definition = request.definition();
        code.inclusion = request.inclusion();
        code.exclusion = request.exclusion();
        code.example = request.example();
        if (request.color() != null) {
            code.color = request.color().toLowerCase();
        }
        em.flush();
        long seq = audit.record(projectId, grant.username(), "code.updated", "CODE", codeId, before, snapshot(code));
        changed.fire(CodebookChanged.of(projectId, codeId, seq));
        return view(projectId, code);
    }

    public CodeView move(long projectId, long codeId, Long newParentId, long version) {
        Grant grant = access.require(projectId, Permission.EDIT_CODEBOOK);
        Code code = find(projectId, codeId);
        requireVersion(code, version);
        if (newParentId != null) {
            referenced(projectId, newParentId, "parentId");
            if (new CodeTree(Code.ofProject(projectId)).isSelfOrDescendant(newParentId, codeId)) {
                throw ProblemException.badRequest("A code cannot be moved under itself or one of its own sub-codes.");
            }
        }
        requireUniqueName(projectId, newParentId, code.name, code.id);
        Map<String, Object> before = snapshot(code);
        code.parentId = newParentId;
        em.flush();
        long seq = audit.record(projectId, grant.username(), "code.moved", "CODE", codeId, before, snapshot(code));
        changed.fire(CodebookChanged.of(projectId, codeId, seq));
        return view(projectId, code);
    }

    /**
     * Merges {@code codeId} into {@code intoId}: its codings, sub-codes and memos move to the target, identical
     * codings (same coder, layer, document and range) collapse into one, and the merged code is deleted.
     */
    public MergeResult merge(long projectId, long codeId, long intoId) {
        Grant grant = access.require(projectId, Permission.EDIT_CODEBOOK);
        Code source = find(projectId, codeId);
        Code target = referenced(projectId, intoId, "intoCodeId");
        if (source.id.equals(target.id)) {
            throw ProblemException.badRequest("A code cannot be merged into itself.");
        }
        if (new CodeTree(Code.ofProject(projectId)).isSelfOrDescendant(intoId, codeId)) {
            throw ProblemException.badRequest("‘" + source.name + "’ cannot be merged into its own sub-code; "
                    + "merge the sub-code into it instead.");
        }
        Map<String, Object> before = snapshot(source);
        List<CodingChange> recoded = codingsOf(source.id, true);
        List<CodedPlace> places = placesOf(source.id);
        int duplicates = removeDuplicateCodings(source.id, target.id);
        int moved = sql("update coding set code_id = ?2 where code_id = ?1", source.id, target.id);
        for (Code child : Code.children(projectId, source.id)) {
            requireUniqueName(projectId, target.id, child.name, child.id);
        }
        int children = sql("update code set parent_id = ?2 where parent_id = ?1", source.id, target.id);
        sql("update memo set target_id = ?2 where target_type = 'CODE' and target_id = ?1", source.id, target.id);
        em.flush();
        em.clear();
        Code.deleteById(source.id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("intoCodeId", target.id);
        after.put("codingsMoved", moved);
        after.put("duplicatesRemoved", duplicates);
        after.put("childrenMoved", children);
        long seq = audit.record(projectId, grant.username(), "code.merged", "CODE", codeId, before, after);
        changes.publish(seq, new CodingsChanged(projectId, recoded));
        changed.fire(new CodebookChanged(projectId, codeId, seq, places));
        return new MergeResult(view(projectId, Code.findById(target.id)), moved, duplicates, children);
    }

    public void delete(long projectId, long codeId, CodingsOnDelete rule) {
        Grant grant = access.require(projectId, Permission.EDIT_CODEBOOK);
        Code code = find(projectId, codeId);
        int children = Code.children(projectId, codeId).size();
        if (children > 0) {
            String them = children == 1 ? "it" : "them";
            throw ProblemException.conflict("‘" + code.name + "’ has " + Words.count(children, "sub-code") + ". Move "
                    + them + " elsewhere, merge " + them + " into another code or delete " + them + " first.")
                    .with("subCodes", children);
        }
        long codings = codingCounts(projectId).getOrDefault(codeId, 0L);
        if (codings > 0 && rule == CodingsOnDelete.REFUSE) {
            // scripts meet this refusal as it is: say both ways on, and how to ask for each
            throw ProblemException.conflict("‘" + code.name + "’ has " + Words.count(codings, "coding") + ". To delete "
                    + (codings == 1 ? "it" : "them") + " with the code, add ?codings=delete to the request; to keep "
                    + (codings == 1 ? "it" : "them") + ", merge the code into another one first.")
                    .with("codings", codings);
        }
        Map<String, Object> before = snapshot(code);
        before.put("codingsDeleted", codings);
        List<CodingChange> removed = codingsOf(codeId, false);
        List<CodedPlace> places = placesOf(codeId);
        dependents.removeForCode(projectId, codeId);
        code.delete();
        long seq = audit.record(projectId, grant.username(), "code.deleted", "CODE", codeId, before, null);
        changes.publish(seq, new CodingsChanged(projectId, removed));
        changed.fire(new CodebookChanged(projectId, codeId, seq, places));
    }

    /** The code if it belongs to the project, else 404. */
    public static Code find(long projectId, long codeId) {
        Code code = Code.findById(codeId);
        if (code == null || code.projectId != projectId) {
            throw ProblemException.notFound("There is no code " + codeId + " in this project.");
        }
        return code;
    }

    /** A code named in a request body: unknown ones are a bad request, not a missing page. */
    public static Code referenced(long projectId, long codeId, String field) {
        Code code = Code.findById(codeId);
        if (code == null || code.projectId != projectId) {
            throw ProblemException.badRequest("There is no code " + codeId + " in this project (" + field + ").");
        }
        return code;
    }

    /**
     * The codings of a code, for the search index: only their segments and passages are indexed again after a merge
     * or delete (rebuilding the whole project took 20–50 s on a large one). {@code kept}: they stay where they are
     * under another code (a merge; duplicates of the target are removed, which the index sees when it reads them).
     */
    private List<CodingChange> codingsOf(long codeId, boolean kept) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select document_id, id, start_offset, end_offset from coding "
                + "where code_id = ?1").setParameter(1, codeId).getResultList();
        return rows.stream().map(row -> {
            Range range = new Range(((Number) row[2]).intValue(), ((Number) row[3]).intValue());
            return new CodingChange(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), range,
                    kept ? range : null);
        }).toList();
    }

    /** The documents, layers and coders of a code's codings: whose live streams hear that they moved or went. */
    private List<CodedPlace> placesOf(long codeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select distinct document_id, layer, coder_id from coding "
                + "where code_id = ?1").setParameter(1, codeId).getResultList();
        return rows.stream().map(row -> new CodedPlace(((Number) row[0]).longValue(), "MASTER".equals(row[1]),
                ((Number) row[2]).longValue())).toList();
    }

    private int removeDuplicateCodings(long sourceId, long targetId) {
        @SuppressWarnings("unchecked")
        List<Object[]> pairs = em.createNativeQuery("select s.id, min(t.id) from coding s join coding t "
                + "on t.code_id = ?2 and t.document_id = s.document_id and t.coder_id = s.coder_id "
                + "and t.layer = s.layer and t.start_offset = s.start_offset and t.end_offset = s.end_offset "
                + "where s.code_id = ?1 group by s.id").setParameter(1, sourceId).setParameter(2, targetId)
                .getResultList();
        for (Object[] pair : pairs) {
            sql("update memo set target_id = ?2 where target_type = 'CODING' and target_id = ?1",
                    ((Number) pair[0]).longValue(), ((Number) pair[1]).longValue());
            sql("delete from coding where id = ?1", ((Number) pair[0]).longValue());
        }
        return pairs.size();
    }

    private void requireUniqueName(long projectId, Long parentId, String name, Long exceptId) {
        boolean taken = Code.children(projectId, parentId).stream()
                .anyMatch(c -> c.name.equalsIgnoreCase(name) && !c.id.equals(exceptId));
        if (taken) {
            throw ProblemException.conflict("There is already a code named ‘" + name + "’ "
                    + (parentId == null ? "at the top level" : "under the same parent") + ".");
        }
    }

    private static void requireVersion(Code code, long version) {
        if (code.version != version) {
            throw ProblemException.staleVersion("The code ‘" + code.name + "’");
        }
    }

    private Map<Long, Long> codingCounts(long projectId) {
        Map<Long, Long> counts = new HashMap<>();
        em.createNativeQuery("select code_id, count(*) from coding where project_id = ?1 group by code_id",
                Object[].class).setParameter(1, projectId).getResultList()
                .forEach(r -> counts.put(((Number) ((Object[]) r)[0]).longValue(), ((Number) ((Object[]) r)[1]).longValue()));
        return counts;
    }

    private int sql(String statement, Object... parameters) {
        var query = em.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate();
    }

    private CodeView view(long projectId, Code code) {
        return view(code, new CodeTree(Code.ofProject(projectId)), codingCounts(projectId));
    }

    private static CodeView view(Code c, CodeTree tree, Map<Long, Long> counts) {
        return new CodeView(c.id, c.name, c.parentId, tree.path(c.id), c.definition, c.inclusion, c.exclusion,
                c.example, c.color, counts.getOrDefault(c.id, 0L), c.createdAt, c.version);
    }

    private static Map<String, Object> snapshot(Code c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name);
        m.put("parentId", c.parentId);
        m.put("color", c.color);
        m.put("definition", Objects.toString(c.definition, null));
        m.put("inclusion", c.inclusion);
        m.put("exclusion", c.exclusion);
        m.put("example", c.example);
        return m;
    }
}
