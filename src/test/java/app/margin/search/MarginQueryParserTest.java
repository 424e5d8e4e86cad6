package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.margin.codebook.Code;
import app.margin.coding.LayerVisibility;
import app.margin.identity.AppUser;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.identity.ProjectRole;
import java.util.List;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.junit.jupiter.api.Test;

/** The query language without an index: what each filter becomes, and how errors read. */
class MarginQueryParserTest {
    static final SearchScope SCOPE = new SearchScope(1, List.of(), LayerVisibility.everything(owner()));

    private static Grant owner() {
        AppUser user = new AppUser();
        user.id = 1L;
        return new Grant(1, user, ProjectRole.OWNER);
    }

    @Test
    void numericAttributeRangesBecomePointRanges() {
        assertEquals("attr.arrival_year#n:[2008.0 TO 2010.0]",
                MarginQueryParser.parse("attr.arrival_year:[2008 TO 2010]", SCOPE).toString());
        assertEquals("attr.arrival_year#n:[2010.0 TO Infinity]",
                MarginQueryParser.parse("attr.Arrival_Year:[2010 TO *]", SCOPE).toString());
        assertEquals("attr.birth_decade:[1960s TO 1970s]",
                MarginQueryParser.parse("attr.birth_decade:[1960s TO 1970s]", SCOPE).toString());
    }

    @Test
    void wordsAreJoinedByAndAndFiltersAreExactTerms() {
        assertEquals("+text:broker +speaker:p07", MarginQueryParser.parse("brokers speaker:P07", SCOPE).toString());
        assertEquals("kind:field_note", MarginQueryParser.parse("kind:\"field note\"", SCOPE).toString());
    }

    @Test
    void aCodeWithMoreSubCodesThanLuceneAllowsClausesIsOneTermSet() {
        List<Code> codes = new java.util.ArrayList<>();
        for (long id = 1; id <= 1_100; id++) {
            Code code = new Code();
            code.id = id;
            code.name = id == 1 ? "Root" : "Sub " + id;
            code.parentId = id == 1 ? null : 1L;
            codes.add(code);
        }
        Query query = MarginQueryParser.parse("code:\"Root/*\"", new SearchScope(1, codes, SCOPE.visibility()));
        assertEquals(1_100, ((TermInSetQuery) query).getTermsCount());
    }

    @Test
    void syntaxErrorsSayWhere() {
        QueryProblem problem = assertThrows(QueryProblem.class, () -> MarginQueryParser.parse("broker AND (money", SCOPE));
        assertEquals(true, problem.getMessage().contains("near column"), problem.getMessage());
        assertThrows(QueryProblem.class, () -> MarginQueryParser.parse("/regex/", SCOPE));
        // found by fuzzing: Lucene's automaton for this wildcard is too large to build
        QueryProblem tooComplex = assertThrows(QueryProblem.class,
                () -> MarginQueryParser.parse("rR**" + "?".repeat(69) + "2" + "?".repeat(19), SCOPE));
        assertEquals(true, tooComplex.getMessage().contains("too complex"), tooComplex.getMessage());
        assertThrows(QueryProblem.class,
                () -> MarginQueryParser.parse("speaker:r**" + "?".repeat(69) + "2" + "?".repeat(19), SCOPE));
        assertThrows(QueryProblem.class, () -> MarginQueryParser.parse("speaker:x~2", SCOPE));
    }
}
