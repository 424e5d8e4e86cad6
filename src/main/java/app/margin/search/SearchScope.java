package app.margin.search;

import app.margin.codebook.Code;
import app.margin.coding.CodingLayer;
import app.margin.coding.LayerVisibility;
import app.margin.coding.VisibleLayers;
import app.margin.coding.VisibleLayers.Documents;
import app.margin.coding.VisibleLayers.Layers;
import app.margin.identity.AppUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What a query may see and refer to: the project's codes (for {@code code:}), the coding layers the caller sees on
 * which documents (the viewer's rule, {@link LayerVisibility}, here rendered as Lucene queries), and user names (for
 * {@code coder:}). Built per request by {@link SearchService}. {@code users} finds accounts by name (the database, or a stand-in in tests without one).
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

    /**
     * The filter every search of segments carries: segments in the layers the caller sees, where they see them; null
     * for supervisors and owners, who see every layer.
     */
    Query segmentFilter() {
        return visibility.seesAll() ? null : visible(SearchScope::inLayers);
    }

    /**
     * The visibility rule as a Lucene query: for each part of {@link LayerVisibility#parts()}, the query
     * {@code inLayers} builds for its layers (segments in them, or passages with their codes), limited to the
     * part's documents; any part may match.
     */
    Query visible(Function<Layers, Query> inLayers) {
        return visible(visibility.parts(), inLayers);
    }

    /** The same for some layers only (a {@code coder:}): nothing where the caller sees none of them. */
    Query visibleIn(Layers asked, Function<Layers, Query> inLayers) {
        return visible(visibility.partsIn(asked), inLayers);
    }

    private static Query visible(List<VisibleLayers> parts, Function<Layers, Query> inLayers) {
        if (parts.isEmpty()) {
            return new MatchNoDocsQuery("a layer the caller does not see");
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (VisibleLayers part : parts) {
            Query layers = inLayers.apply(part.layers());
            Documents documents = part.documents();
            Query clause = documents.all() ? layers
                    : documents.except() ? new BooleanQuery.Builder().add(layers, Occur.MUST)
                            .add(documents(documents.ids()), Occur.MUST_NOT).build()
                    : documents.ids().isEmpty() ? new MatchNoDocsQuery("no document where the caller sees the layer")
                    : new BooleanQuery.Builder().add(layers, Occur.MUST).add(documents(documents.ids()), Occur.FILTER).build();
            if (parts.size() == 1) {
                return clause;
            }
            any.add(clause, Occur.SHOULD);
        }
        return any.build();
    }

    /** Index documents carrying a coding in these layers (the {@code layer} field; every layer: any document). */
    static Query inLayers(Layers layers) {
        if (layers.every()) {
            return new MatchAllDocsQuery();
        }
        List<String> keys = layerKeys(layers);
        return keys.size() == 1 ? new TermQuery(new Term(IndexFields.LAYER, keys.getFirst()))
                : new TermInSetQuery(IndexFields.LAYER, keys.stream().map(BytesRef::new).toList());
    }

    /** The index's layer keys of some layers (not every layer): "m" for the master, "u" + id for a coder's. */
    static List<String> layerKeys(Layers layers) {
        List<String> keys = new ArrayList<>();
        if (layers.master()) {
            keys.add(IndexFields.MASTER_LAYER);
        }
        layers.coderIds().forEach(coder -> keys.add(IndexFields.coderLayer(coder)));
        return keys;
    }

    private static Query documents(Set<Long> ids) {
        return new TermInSetQuery(IndexFields.DOC, ids.stream().sorted().map(id -> new BytesRef(Long.toString(id))).toList());
    }

    /** The layer of a {@code coder:} value: a user name, or "master". */
    Layers layerOf(String coder) {
        if (coder.equalsIgnoreCase("master")) {
            return Layers.MASTER;
        }
        AppUser user = users.apply(coder).orElse(null);
        if (user == null) {
            throw new QueryProblem("There is no user ‘" + coder + "’ (coder: takes a user name or master).");
        }
        if (!visibility.mayAskFor(user.id)) {
            throw new QueryProblem("Only supervisors and owners can search other coders' codings (coder:" + coder + ").");
        }
        return Layers.of(CodingLayer.CODER, user.id);
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
