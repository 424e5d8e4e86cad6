package app.margin.search;

import app.margin.support.DatabaseIndependent;
import static app.margin.search.MarginQueryParserTest.SCOPE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What one query may cost, checked without an index: each refusal says what to simplify and names its key. */
@DatabaseIndependent
class QueryLimitsTest {
    static final QueryLimits SMALL = new QueryLimits(200, 3, 6, 2, 10, 2, Duration.ofSeconds(10));

    private static String refusal(String query, QueryLimits limits) {
        QueryProblem problem = assertThrows(QueryProblem.class, () -> MarginQueryParser.parse(query, SCOPE, limits));
        assertTrue(problem.getMessage().startsWith("This search is too costly to run: "), problem.getMessage());
        return problem.getMessage();
    }

    @Test
    void twentyThousandNestedBracketsAreRefusedBeforeTheParserRecurses() {
        String query = "(".repeat(20_000) + "broker" + ")".repeat(20_000);
        String message = refusal(query, new QueryLimits(100_000, 32, 500, 10, 30, 50, Duration.ofSeconds(10)));
        assertTrue(message.contains("nested more than 32 deep (margin.search.max-query-depth)"), message);
        // and under the defaults the length is what stops it, before anything else is read
        assertTrue(refusal(query, QueryLimits.DEFAULTS).contains("margin.search.max-query-length"));
    }

    @Test
    void bracketsInsidePhrasesOrEscapedDoNotCount() {
        assertDoesNotThrow(() -> SMALL.checkText("\"((((((\" \\(\\(\\(\\(\\( ((a))"));
        assertDoesNotThrow(() -> MarginQueryParser.parse("((a OR b) AND (c OR d))", SCOPE, SMALL));
        assertTrue(refusal("((((a))))", SMALL).contains("max-query-depth"));
    }

    @Test
    void wordsAndFiltersAreCountedButNotOperators() {
        assertDoesNotThrow(() -> MarginQueryParser.parse("a OR b AND NOT d speaker:x \"e f\"", SCOPE, SMALL));
        assertTrue(refusal("a b c d e f g", SMALL).contains("more than 6 words and filters"));
        assertTrue(refusal("\"a b c d e f g\"", SMALL).contains("margin.search.max-query-clauses"));
    }

    @Test
    void fuzzyWordsAreBoundedInNumberAndLength() {
        assertDoesNotThrow(() -> MarginQueryParser.parse("brokr~ monye~1", SCOPE, SMALL));
        assertTrue(refusal("a~ b~ c~", SMALL).contains("more than 2 fuzzy words (~) (margin.search.max-fuzzy-terms)"));
        assertTrue(refusal("abcdefghijk~", SMALL).contains("longer than 10 characters (margin.search.max-fuzzy-length)"));
        // the 50 fuzzy words of 200 characters are longer than a query may be; 40 of them are too long words
        String fifty = IntStream.range(0, 50).mapToObj(i -> "x".repeat(200) + "~").collect(Collectors.joining(" OR "));
        assertTrue(refusal(fifty, QueryLimits.DEFAULTS).contains("margin.search.max-query-length"));
        String forty = IntStream.range(0, 40).mapToObj(i -> "x".repeat(200) + "~").collect(Collectors.joining(" OR "));
        assertTrue(refusal(forty, QueryLimits.DEFAULTS).contains("margin.search.max-fuzzy-length"));
    }

    @Test
    void wildcardWordsAreBoundedAndNeverLead() {
        assertDoesNotThrow(() -> MarginQueryParser.parse("migr* speaker:*", SCOPE, SMALL));
        assertTrue(refusal("a* b* c?d", SMALL).contains("margin.search.max-wildcard-terms"));
        for (String leading : new String[] {"*grant", "?igrant", "speaker:*07", "attr.gender:?emale"}) {
            QueryProblem problem = assertThrows(QueryProblem.class, () -> MarginQueryParser.parse(leading, SCOPE, SMALL));
            assertTrue(problem.getMessage().contains("cannot start with * or ?"), problem.getMessage());
        }
    }

    @Test
    void anIntricateWildcardIsRefusedNotAnError() {
        String pattern = "a" + "*?".repeat(3_000) + "b";
        QueryProblem problem = assertThrows(QueryProblem.class, () -> MarginQueryParser.parse(pattern, SCOPE,
                new QueryLimits(100_000, 32, 500, 10, 30, 50, Duration.ofSeconds(10))));
        assertTrue(problem.getMessage().startsWith("This search is too costly"), problem.getMessage());
    }
}
