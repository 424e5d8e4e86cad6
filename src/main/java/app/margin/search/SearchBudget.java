package app.margin.search;

import app.margin.problem.ProblemException;
import java.time.Duration;
import org.apache.lucene.index.ExitableDirectoryReader.ExitingReaderException;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.IndexSearcher;

/**
 * The time one search may take ({@code margin.search.time-budget}). Lucene checks it while it enumerates the words
 * a fuzzy or wildcard word stands for (through {@link org.apache.lucene.index.ExitableDirectoryReader}) and while it
 * collects hits ({@link IndexSearcher#setTimeout}); Margin checks it per hit while it builds keyword-in-context lines,
 * auto-coding extents and word counts. Running out is the researcher's 400, never a partial answer: auto-coding a
 * part of the hits would silently code less than the preview showed.
 */
final class SearchBudget implements QueryTimeout {
    private final Duration budget;
    private final long deadline;

    private SearchBudget(Duration budget) {
        this.budget = budget;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    static SearchBudget start(Duration budget) {
        return new SearchBudget(budget);
    }

    @Override
    public boolean shouldExit() {
        return System.nanoTime() - deadline > 0;
    }

    /** Stops the search once its time is up. */
    void check() {
        if (shouldExit()) {
            throw exceeded();
        }
    }

    /** Checks the budget of a searcher made by {@link ProjectIndex#read}, including hits Lucene left out on timeout. */
    static void check(IndexSearcher searcher) {
        if (searcher.getTimeout() instanceof SearchBudget budget) {
            if (searcher.timedOut()) {
                throw budget.exceeded();
            }
            budget.check();
        }
    }

    /** Whether a failure is Lucene stopping a search for this budget (possibly wrapped by a search thread). */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExitingReaderException) {
                return true;
            }
        }
        return false;
    }

    ProblemException exceeded() {
        String limit = budget.toMillis() >= 1000 && budget.toMillis() % 1000 == 0 ? budget.toSeconds() + " s"
                : budget.toMillis() + " ms";
        return ProblemException.badRequest(QueryLimits.tooCostly("it ran longer than " + limit + " (margin.search.time-budget). Use fewer "
                + "fuzzy (~) and wildcard (*) words, or narrow it with filters such as code:, speaker: or doc:.").getMessage());
    }
}
