package app.margin.search;

import app.margin.support.DatabaseIndependent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A search that runs out of its time budget is a 400 saying what to simplify, never a partial answer. The budget is
 * made spent before the search starts (a zero budget), so the test does not depend on how fast this machine is.
 */
@DatabaseIndependent
class SearchBudgetTest {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Path dir;
    ProjectIndex index;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("costs-budget-");
        index = new ProjectIndex(dir, TextAnalyzers.forIndex(), threads, seq -> {
            throw new IllegalStateException("a standalone index has no successor");
        });
        for (long id = 1; id <= 30; id++) {
            String text = "The broker asked for money number " + id + " and the brokers waited.";
            index.replace(new IndexedDocument(id, "Doc " + id, "other", null, text,
                    List.of(new IndexedDocument.Unit(0, text.length(), null)), Map.of(), List.of()));
        }
        index.publish(1, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        index.close();
        threads.shutdownNow();
        app.margin.support.Folders.delete(dir);
    }

    private int hits(Query query, Duration budget) {
        return index.read(SearchBudget.start(budget),
                searcher -> HitCollector.collect(searcher, query, MarginQueryParserTest.SCOPE).size());
    }

    @Test
    void aSpentBudgetStopsTheSearchWithA400() {
        Query slow = MarginQueryParser.parse("brokr~2 OR monye~2 OR waitd~2 OR numbr~2", MarginQueryParserTest.SCOPE);
        assertEquals(30, hits(slow, Duration.ofMinutes(1)), "with time to spare the search finds every passage");

        ProblemException refused = assertThrows(ProblemException.class, () -> hits(slow, Duration.ZERO));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("This search is too costly to run: it ran longer than 0 ms "
                + "(margin.search.time-budget)"), refused.getMessage());
    }

    @Test
    void theBudgetCoversWorkAfterTheHitsAreFound() {
        Query all = MarginQueryParser.parse("broker", MarginQueryParserTest.SCOPE);
        // a per-hit loop (keyword-in-context lines, auto-coding extents, word counts) checks the budget too
        ProblemException refused = assertThrows(ProblemException.class, () -> index.read(SearchBudget.start(Duration.ZERO),
                searcher -> {
                    SearchBudget.check(searcher);
                    return null;
                }));
        assertEquals(400, refused.status());
        assertEquals(30, hits(all, Duration.ofMinutes(1)));
    }
}
