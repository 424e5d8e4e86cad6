package app.margin.codebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A project's codes as a tree: paths, depth-first order, ancestry. */
final class CodeTree {
    static final String PATH_SEPARATOR = " > ";

    private final Map<Long, Code> byId = new HashMap<>();
    private final Map<Long, List<Code>> childrenOf = new HashMap<>();

    CodeTree(List<Code> codes) {
        for (Code c : codes) {
            byId.put(c.id, c);
        }
        for (Code c : codes) {
            childrenOf.computeIfAbsent(c.parentId, k -> new ArrayList<>()).add(c);
        }
        childrenOf.values().forEach(list -> list.sort(Comparator.comparing((Code c) -> c.name.toLowerCase())
                .thenComparing(c -> c.id)));
    }

    /** "Parent > Child > Grandchild". */
    String path(long id) {
        List<String> names = new ArrayList<>();
        Code c = byId.get(id);
        while (c != null && names.size() <= byId.size()) {
            names.addFirst(c.name);
            c = c.parentId == null ? null : byId.get(c.parentId);
        }
        return String.join(PATH_SEPARATOR, names);
    }

    /** Codes in reading order: each parent followed by its sub-codes. */
    List<Code> depthFirst() {
        List<Code> ordered = new ArrayList<>();
        addSubtree(null, ordered);
        return ordered;
    }

    /** Whether {@code candidate} is {@code ancestor} itself or lies below it. */
    boolean isSelfOrDescendant(long candidate, long ancestor) {
        Code c = byId.get(candidate);
        int steps = 0;
        while (c != null && steps++ <= byId.size()) {
            if (c.id == ancestor) {
                return true;
            }
            c = c.parentId == null ? null : byId.get(c.parentId);
        }
        return false;
    }

    private void addSubtree(Long parentId, List<Code> into) {
        for (Code child : childrenOf.getOrDefault(parentId, List.of())) {
            into.add(child);
            addSubtree(child.id, into);
        }
    }
}
