package app.margin.search;

import app.margin.config.MarginConfig;
import java.time.Duration;

/**
 * What one query may cost ({@code margin.search.*}). The text is scanned before Lucene's parser sees it, because
 * the parser recurses once per bracket (20,000 nested brackets overflowed the stack) and builds a clause per word;
 * fuzzy and wildcard words are counted while parsing ({@link MarginQueryParser}), and the search itself runs under
 * {@link #timeBudget()} ({@link SearchBudget}). Pure: no CDI, so fuzz targets and unit tests can call it directly.
 *
 * @param maxLength most characters in a query
 * @param maxDepth deepest nesting of brackets
 * @param maxClauses most words, phrases' words and filters (AND, OR, NOT not counted)
 * @param maxFuzzyTerms most fuzzy words ({@code word~}): each is matched against every word of the index
 * @param maxFuzzyLength longest fuzzy word: the cost of Lucene's fuzzy matching grows with its length
 * @param maxWildcardTerms most words with {@code *} or {@code ?}
 * @param timeBudget longest a search may run before it is stopped and answered 400
 */
public record QueryLimits(int maxLength, int maxDepth, int maxClauses, int maxFuzzyTerms, int maxFuzzyLength,
        int maxWildcardTerms, Duration timeBudget) {

    /** The defaults of {@link MarginConfig.Search}. */
    public static final QueryLimits DEFAULTS = new QueryLimits(10_000, 32, 500, 10, 30, 50, Duration.ofSeconds(10));

    public static QueryLimits of(MarginConfig.Search config) {
        return new QueryLimits(config.maxQueryLength(), config.maxQueryDepth(), config.maxQueryClauses(),
                config.maxFuzzyTerms(), config.maxFuzzyLength(), config.maxWildcardTerms(), config.timeBudget());
    }

    /**
     * Checks a query's length, bracket depth and number of clauses without parsing it: quotes and backslash escapes
     * are respected as Lucene's parser reads them, so a bracket inside "a phrase" or written \( does not count.
     *
     * @throws QueryProblem saying what to simplify
     */
    public void checkText(String query) {
        if (query == null) {
            return;
        }
        if (query.length() > maxLength) {
            throw tooCostly("it is " + query.length() + " characters long; the limit is " + maxLength
                    + " (margin.search.max-query-length). Shorten it or split it into several searches.");
        }
        int depth = 0;
        int clauses = 0;
        boolean quoted = false;
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\\' && i + 1 < query.length()) {
                word.append(c).append(query.charAt(++i));
                continue;
            }
            boolean separator = Character.isWhitespace(c) || c == '"' || !quoted && (c == '(' || c == ')');
            if (!separator) {
                word.append(c);
                continue;
            }
            clauses += isClause(word) ? 1 : 0;
            word.setLength(0);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '(' && !quoted && ++depth > maxDepth) {
                throw tooCostly("its brackets are nested more than " + maxDepth
                        + " deep (margin.search.max-query-depth). Remove brackets that are not needed.");
            } else if (c == ')' && !quoted) {
                depth = Math.max(0, depth - 1);
            }
            if (clauses > maxClauses) {
                throw tooManyClauses();
            }
        }
        if ((clauses += isClause(word) ? 1 : 0) > maxClauses) {
            throw tooManyClauses();
        }
    }

    /** A fuzzy word the parser is about to build; {@code count} is how many the query has so far, this one included. */
    void checkFuzzy(String term, int count) {
        if (term.codePointCount(0, term.length()) > maxFuzzyLength) {
            throw tooCostly("the fuzzy word ‘" + clip(term) + "~’ is longer than " + maxFuzzyLength
                    + " characters (margin.search.max-fuzzy-length). Use fuzzy matching (~) on single words only.");
        }
        if (count > maxFuzzyTerms) {
            throw tooCostly("it has more than " + maxFuzzyTerms + " fuzzy words (~) (margin.search.max-fuzzy-terms). "
                    + "Use fewer of them, or spell the variants out with OR.");
        }
    }

    /** A wildcard or prefix word; {@code count} is how many the query has so far, this one included. */
    void checkWildcard(int count) {
        if (count > maxWildcardTerms) {
            throw tooCostly("it has more than " + maxWildcardTerms + " words with * or ? "
                    + "(margin.search.max-wildcard-terms). Use fewer of them.");
        }
    }

    private QueryProblem tooManyClauses() {
        return tooCostly("it has more than " + maxClauses + " words and filters (margin.search.max-query-clauses). "
                + "Split it into several searches.");
    }

    /** The one sentence every refusal of a costly query starts with. */
    static QueryProblem tooCostly(String why) {
        return new QueryProblem("This search is too costly to run: " + why);
    }

    private static boolean isClause(CharSequence word) {
        String w = word.toString();
        return !w.isEmpty() && !w.equals("AND") && !w.equals("OR") && !w.equals("NOT") && !w.equals("&&")
                && !w.equals("||") && !w.chars().allMatch(ch -> ch == '+' || ch == '-' || ch == '!');
    }

    private static String clip(String term) {
        return term.length() <= 40 ? term : term.substring(0, 40) + "…";
    }
}
