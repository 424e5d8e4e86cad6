package app.margin.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Position of each id in a caller-given order, shared by the matrices. */
final class Indexes {
    private Indexes() {
    }

    /** @throws IllegalArgumentException when an id is null or listed twice (a matrix row would be ambiguous) */
    static Map<Long, Integer> of(List<Long> ids, String what) {
        Objects.requireNonNull(ids, what);
        Map<Long, Integer> index = HashMap.newHashMap(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null) {
                throw new IllegalArgumentException("the list of " + what + " contains null");
            }
            if (index.putIfAbsent(id, i) != null) {
                throw new IllegalArgumentException("the list of " + what + " names " + id + " twice");
            }
        }
        return index;
    }

    /** 100 · part / total, or 0 when the total is 0. */
    static double percent(long part, long total) {
        return total == 0 ? 0 : 100.0 * part / total;
    }
}
