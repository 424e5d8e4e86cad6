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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertEquals(12, problem.column());
        assertThrows(QueryProblem.class, () -> MarginQueryParser.parse("/regex/", SCOPE));
        // found by fuzzing: Lucene's automaton for this wildcard is too large to build
        QueryProblem tooComplex = assertThrows(QueryProblem.class,
                () -> MarginQueryParser.parse("rR**" + "?".repeat(69) + "2" + "?".repeat(19), SCOPE));
        assertEquals(true, tooComplex.getMessage().contains("too complex"), tooComplex.getMessage());
        assertThrows(QueryProblem.class,
                () -> MarginQueryParser.parse("speaker:r**" + "?".repeat(69) + "2" + "?".repeat(19), SCOPE));
        assertThrows(QueryProblem.class, () -> MarginQueryParser.parse("speaker:x~2", SCOPE));
    }

    /** Lucene's own words ("Encountered "<EOF>" at line 1, column 7. Was expecting one of: <NOT> …") never show. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`broker \"money broker` | 8 | The query has an opening quote without a closing one (at character 8). End the phrase with another \", or remove the quote.",
        "broker AND (money | 12 | The query has an opening bracket ‘(’ without a closing one (at character 12). Add the ‘)’ where the group ends, or remove the ‘(’.",
        "broker) money | 7 | The query has a closing bracket ‘)’ without an opening one (at character 7). Remove it, or add the ‘(’ where the group starts.",
        "attr.year:[2008 TO 2012 | 11 | The query has a range ‘[’ without a closing bracket (at character 11). A range is written [from TO to], as in attr.arrival_year:[2008 TO 2012].",
        "broker AND | 8 | The query ends with ‘AND’ (at character 8). Put a word after it, or remove it.",
        "broker OR | 8 | The query ends with ‘OR’ (at character 8). Put a word after it, or remove it.",
        "AND broker | 1 | The query starts with ‘AND’ (at character 1). Put a word before it, or remove it.",
        "broker AND OR money | 12 | ‘OR’ comes right after ‘AND’ (at character 12). Put a word between them, or remove one.",
        "money speaker: | 7 | ‘speaker:’ has no value after the colon (at character 7). Write what to look for right after it, as in speaker:P07 or code:\"Cost and debt\".",
        ":money | 1 | A colon needs the name of a filter before it (at character 1). Write it as speaker:P07, or put the colon in quotes to search for it.",
        "broker - | 8 | ‘-’ needs a word right after it (at character 8). Write it as -debt (without) or +debt (with), or remove it.",
        "~2 broker | 1 | ‘~’ must come right after a word or a phrase (at character 1). Write it as brokr~1 (a word spelt up to one letter differently) or \"money broker\"~5.",
        "attr.year:[2008 2012] | 17 | The range is not complete (at character 17). A range is written [from TO to], as in attr.arrival_year:[2008 TO 2012] (* for an open end).",
        "attr.year:[2008 TO] | 19 | The range is not complete (at character 19). A range is written [from TO to], as in attr.arrival_year:[2008 TO 2012] (* for an open end).",
        "`broker\\` | 7 | The query ends with a backslash (\\), which escapes nothing (at character 7). Remove it, or write \\\\ to search for a backslash.",
    })
    void syntaxErrorsAreSaidInPlainWordsWithTheirPlace(String query, int character, String message) {
        QueryProblem problem = assertThrows(QueryProblem.class, () -> MarginQueryParser.parse(query, SCOPE));
        assertEquals(message, problem.getMessage());
        assertEquals(character, problem.column());
    }
}
