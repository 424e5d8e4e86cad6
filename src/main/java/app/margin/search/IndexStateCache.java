package app.margin.search;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One value per project, kept while the project's index stays at the same applied change: anything derived from the
 * database that only a change can alter (titles, whole-corpus word counts) is read once per change, not per request.
 */
final class IndexStateCache<T> {
    private record Entry<T>(long appliedSeq, T value) {
    }

    private final Map<Long, Entry<T>> entries = new ConcurrentHashMap<>();

    T get(long projectId, long appliedSeq, Supplier<T> read) {
        Entry<T> cached = entries.get(projectId);
        if (cached != null && cached.appliedSeq() == appliedSeq) {
            return cached.value();
        }
        T value = read.get();
        entries.put(projectId, new Entry<>(appliedSeq, value));
        return value;
    }
}
