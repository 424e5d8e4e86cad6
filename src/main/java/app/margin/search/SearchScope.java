package app.margin.search;

import app.margin.codebook.Code;
import app.margin.coding.CodingLayer;
import app.margin.identity.AppUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a query may see and refer to: the project's codes (for {@code code:}), the coding layers the caller may see,
 * and user names (for {@code coder:}). Built per request by {@link SearchService}.
 *
 * @param visibleLayers the layer keys the caller may see, or null for all (supervisors and owners)
 * @param blindDocuments documents of blind agreement rounds on which the caller sees only their own layer
 */
record SearchScope(long projectId, List<Code> codes, Set<String> visibleLayers, long callerId, Set<Long> blindDocuments) {

    boolean maySee(String layerKey) {
        return visibleLayers == null || visibleLayers.contains(layerKey);
    }

    /** Whether a layer is visible on one document (blind rounds hide even the master layer there). */
    boolean maySee(String layerKey, long documentId) {
        if (visibleLayers == null || layerKey.equals(IndexFields.coderLayer(callerId))) {
            return true;
        }
        return !blindDocuments.contains(documentId) && visibleLayers.contains(layerKey);
    }

    /** The layer key of a {@code coder:} value: a user name, or "master". */
    String layerOf(String coder) {
        if (coder.equalsIgnoreCase("master")) {
            return IndexFields.MASTER_LAYER;
        }
        AppUser user = AppUser.findByUsername(coder).orElse(null);
        if (user == null) {
            throw new QueryProblem("There is no user ‘" + coder + "’ (coder: takes a user name or master).");
        }
        String key = IndexFields.coderLayer(user.id);
        if (!maySee(key)) {
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

    static String layerKey(CodingLayer layer, long coderId) {
        return layer == CodingLayer.MASTER ? IndexFields.MASTER_LAYER : IndexFields.coderLayer(coderId);
    }
}
