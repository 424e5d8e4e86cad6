package app.margin.search;

import io.quarkus.arc.Arc;

/**
 * For tests that change a project as one user and search it as another: a search waits only for its caller's own
 * changes, so such a test first waits until the index applied every change committed so far (no sleeping).
 */
public final class IndexWait {
    private IndexWait() {
    }

    /** Returns once the project's index holds every change committed before this call, and searches see them. */
    public static void applied(long projectId) {
        Arc.container().instance(ProjectIndexes.class).get().upToDate(projectId);
    }
}
