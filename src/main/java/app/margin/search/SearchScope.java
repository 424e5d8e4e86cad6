package app.margin.search;

import app.margin.codebook.Code;
import app.margin.coding.CodingLayer;
import app.margin.coding.LayerVisibility;
import app.margin.identity.AppUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What a query may see and refer to: the project's codes (for {@code code:}), the coding layers the caller sees on
 * which documents (the viewer's rule, {@link LayerVisibility}: own layer, master, revealed partners, never others'
 * layers on a blind round's documents), and user names (for {@code coder:}). Built per request by
 * {@link SearchService}. {@code users} finds accounts by name (the database, or a stand-in in tests without one).
 */
record SearchScope(long projectId, List<Code> codes, LayerVisibility visibility,
        Function<String, Optional<AppUser>> users) {

    SearchScope(long projectId, List<Code> codes, LayerVisibility visibility) {
        this(projectId, codes, visibility, AppUser::findByUsername);
    }

    /** Whether the caller sees a layer (a coder's id, or -1 for the master layer) on one document. */
    boolean maySee(long coderId, long documentId) {
        return visibility.mayView(coderId < 0 ? CodingLayer.MASTER : CodingLayer.CODER, coderId, documentId);
    }

    /** The layers the caller sees on some document, or null for all of them (supervisors and owners). */
    List<String> visibleLayers() {
        if (visibility.seesAll()) {
            return null;
        }
        List<String> layers = new ArrayList<>(List.of(IndexFields.coderLayer(visibility.callerId()), IndexFields.MASTER_LAYER));
        visibility.partners().stream().sorted().forEach(coder -> layers.add(IndexFields.coderLayer(coder)));
        return layers;
    }

    /**
     * A query narrowed to the documents on which the caller sees a layer: the query itself where the layer is
     * visible everywhere, nothing where it is visible nowhere.
     */
    Query whereVisible(Query query, String layerKey) {
        if (visibility.seesAll() || layerKey.equals(IndexFields.coderLayer(visibility.callerId()))) {
            return query;
        }
        if (layerKey.equals(IndexFields.MASTER_LAYER)) {
            Set<Long> blind = visibility.blindDocuments();
            return blind.isEmpty() ? query : new BooleanQuery.Builder().add(query, Occur.MUST)
                    .add(documents(blind), Occur.MUST_NOT).build();
        }
        Set<Long> shared = visibility.documentsSharedBy(IndexFields.coderOf(layerKey));
        return shared.isEmpty() ? new MatchNoDocsQuery("a layer the caller does not see")
                : new BooleanQuery.Builder().add(query, Occur.MUST).add(documents(shared), Occur.FILTER).build();
    }

    private static Query documents(Set<Long> ids) {
        return new TermInSetQuery(IndexFields.DOC, ids.stream().sorted().map(id -> new BytesRef(Long.toString(id))).toList());
    }

    /** The layer key of a {@code coder:} value: a user name, or "master". */
    String layerOf(String coder) {
        if (coder.equalsIgnoreCase("master")) {
            return IndexFields.MASTER_LAYER;
        }
        AppUser user = users.apply(coder).orElse(null);
        if (user == null) {
            throw new QueryProblem("There is no user ‘" + coder + "’ (coder: takes a user name or master).");
        }
        String key = IndexFields.coderLayer(user.id);
        List<String> visible = visibleLayers();
        if (visible != null && !visible.contains(key)) {
            throw new QueryProblem("Only supervisors and owners can search other coders' codings (coder:" + coder + ").");
        }
        return key;
    }

    /** The code named (by name, path "A > B" or id), with all its sub-codes when the name ends in "/*". */
    List<Long> codeIds(String value) {
        boolean subtree = value.endsWith("/*");
        String name = (subtree ? value.substring(0, value.length() - 2) : value).strip();
        Code code = codes.stream().filter(c -> c.name.equalsIgnoreCase(name) || Long.toString(c.id).equals(name)
                || pathOf(c).equalsIgnoreCase(name.replaceAll("\\s*>\\s*", " > "))).findFirst()
                .orElseThrow(() -> new QueryProblem("There is no code ‘" + name + "’ in this project's codebook."));
        List<Long> ids = new ArrayList<>(List.of(code.id));
        if (subtree) {
            for (int i = 0; i < ids.size(); i++) {
                long parent = ids.get(i);
                codes.stream().filter(c -> c.parentId != null && c.parentId == parent).forEach(c -> ids.add(c.id));
            }
        }
        return ids;
    }

    private String pathOf(Code code) {
        String path = code.name;
        Long parent = code.parentId;
        while (parent != null) {
            long id = parent;
            Code up = codes.stream().filter(c -> c.id == id).findFirst().orElse(null);
            if (up == null) {
                break;
            }
            path = up.name + " > " + path;
            parent = up.parentId;
        }
        return path;
    }
}
