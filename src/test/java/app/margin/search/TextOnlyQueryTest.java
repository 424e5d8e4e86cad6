package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.junit.jupiter.api.Test;

/** What a keyword-in-context line highlights: the text parts of a query, never its filters or its NOT words. */
class TextOnlyQueryTest {

    private static String textOf(String q) {
        return TextOnlyQuery.of(MarginQueryParser.parse(q, MarginQueryParserTest.SCOPE)).toString();
    }

    @Test
    void filtersAndNegatedWordsAreLeftOut() {
        assertEquals("text:broker",
                textOf("broker AND attr.arrival_year:[2008 TO 2012] speaker:P07 kind:transcript NOT debt"));
        assertEquals("text:\"glass ceil\"", textOf("\"glass ceiling\" attr.gender:female"));
    }

    @Test
    void everyKindOfTextPartIsKept() {
        assertEquals(Set.of("text:brok*", "text:church~2", "text:\"monei debt\"~5"),
                Set.of(textOf("brok* OR church~ OR \"money debt\"~5").split(" (?=text:)")));
    }

    @Test
    void aSearchOfFiltersAloneHighlightsNothing() {
        assertEquals(MatchNoDocsQuery.class,
                TextOnlyQuery.of(MarginQueryParser.parse("attr.gender:female doc:P01", MarginQueryParserTest.SCOPE)).getClass());
    }
}
