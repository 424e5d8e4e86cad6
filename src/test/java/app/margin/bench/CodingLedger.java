package app.margin.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one coder's acknowledged operations should have left on the server: every coding Margin answered 201 for,
 * at the range of its last answered move, minus those whose removal was answered 204. Used by one coder's thread
 * only. {@link #compare} checks the server's codings of that coder against it.
 */
final class CodingLedger {
    /** The part of a coding that makes it the same coding: two with equal content in one layer are duplicates. */
    record Content(long documentId, long codeId, int start, int end) {
    }

    /** A coding as the server holds it. */
    record Held(long id, Content content) {
    }

    /** What the comparison found; each list holds coding ids (for duplicates: the extra copies). */
    record Discrepancies(List<Long> lost, List<Long> unexpected, List<Long> changed, List<Long> duplicated) {
        int total() {
            return lost.size() + unexpected.size() + changed.size() + duplicated.size();
        }
    }

    private final Map<Long, Content> expected = new HashMap<>();
    private final Map<Long, Long> versions = new HashMap<>();
    private int inDoubt;

    void added(long id, Content content, long version) {
        expected.put(id, content);
        versions.put(id, version);
    }

    void moved(long id, Content content, long version) {
        expected.put(id, content);
        versions.put(id, version);
    }

    void removed(long id) {
        expected.remove(id);
        versions.remove(id);
    }

    /** An operation that got no answer: whether it happened is unknown, so this coder cannot be checked exactly. */
    void inDoubt() {
        inDoubt++;
    }

    int operationsInDoubt() {
        return inDoubt;
    }

    boolean holds(Content content) {
        return expected.containsValue(content);
    }

    Map<Long, Content> expected() {
        return expected;
    }

    long version(long id) {
        return versions.get(id);
    }

    /**
     * Compares the server's codings of this coder with the ledger: lost (acknowledged, not there), unexpected (there,
     * never acknowledged or acknowledged as removed: a resurrection), changed (there, but not at the last acknowledged
     * range or code: a lost update), duplicated (several codings with the same content).
     */
    static Discrepancies compare(Map<Long, Content> expected, Collection<Held> server) {
        List<Long> lost = new ArrayList<>();
        List<Long> unexpected = new ArrayList<>();
        List<Long> changed = new ArrayList<>();
        List<Long> duplicated = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Set<Content> contents = new HashSet<>();
        for (Held held : server) {
            seen.add(held.id());
            Content want = expected.get(held.id());
            if (want == null) {
                unexpected.add(held.id());
            } else if (!want.equals(held.content())) {
                changed.add(held.id());
            }
            if (!contents.add(held.content())) {
                duplicated.add(held.id());
            }
        }
        expected.keySet().stream().filter(id -> !seen.contains(id)).sorted().forEach(lost::add);
        return new Discrepancies(lost, unexpected, changed, duplicated);
    }
}
