package app.margin.search;

import static org.apache.lucene.queryparser.classic.QueryParserConstants.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.Token;

/**
 * Says in a researcher's words why Lucene's classic parser could not read a query, and at which character (counted
 * from 1). Lucene's own message ("Encountered "<EOF>" at line 1, column 7. Was expecting one of: <NOT> … <TERM> …")
 * names grammar tokens and points at the end of the query for an unclosed quote or bracket; so quotes and brackets
 * are checked first on the text itself (where the unclosed one opens), then Lucene's token stream says the rest.
 */
final class QuerySyntax {
    /** Lucene's lexical errors (TokenMgrError) carry their place only in the message. */
    private static final Pattern LEXICAL_COLUMN = Pattern.compile("column (\\d+)");
    private static final String RANGE_EXAMPLE = "as in attr.arrival_year:[2008 TO 2012]";

    private QuerySyntax() {
    }

    /** Why {@code query} could not be parsed: {@code e} is what QueryParser.parse threw (its cause is the parser's). */
    static QueryProblem explain(String query, ParseException e) {
        Optional<QueryProblem> unbalanced = unbalanced(query);
        if (unbalanced.isPresent()) {
            return unbalanced.get();
        }
        if (e.getCause() instanceof ParseException parser && parser.currentToken != null) {
            return fromTokens(query, parser.currentToken, parser.currentToken.next);
        }
        return lexical(query, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }

    /** The first quote, bracket or range that is opened and never closed, or closed and never opened. */
    static Optional<QueryProblem> unbalanced(String query) {
        int quote = -1;
        int range = -1;
        Deque<Integer> brackets = new ArrayDeque<>();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\\') {
                i++; // an escaped character is a plain one
            } else if (quote >= 0) {
                quote = c == '"' ? -1 : quote;
            } else if (c == '"') {
                quote = i;
            } else if (range >= 0) {
                range = c == ']' || c == '}' ? -1 : range;
            } else if (c == '[' || c == '{') {
                range = i;
            } else if (c == ']' || c == '}') {
                return Optional.of(problem("The query has a closing bracket ‘" + c + "’ without an opening one", i,
                        "A range is written [from TO to], " + RANGE_EXAMPLE + "."));
            } else if (c == '(') {
                brackets.push(i);
            } else if (c == ')' && brackets.isEmpty()) {
                return Optional.of(problem("The query has a closing bracket ‘)’ without an opening one", i,
                        "Remove it, or add the ‘(’ where the group starts."));
            } else if (c == ')') {
                brackets.pop();
            }
        }
        if (quote >= 0) {
            return Optional.of(problem("The query has an opening quote without a closing one", quote,
                    "End the phrase with another \", or remove the quote."));
        }
        if (range >= 0) {
            return Optional.of(problem("The query has a range ‘" + query.charAt(range) + "’ without a closing bracket",
                    range, "A range is written [from TO to], " + RANGE_EXAMPLE + "."));
        }
        if (!brackets.isEmpty()) {
            return Optional.of(problem("The query has an opening bracket ‘(’ without a closing one", brackets.peek(),
                    "Add the ‘)’ where the group ends, or remove the ‘(’."));
        }
        return Optional.empty();
    }

    /** {@code next} is the token the parser could not take after {@code last} (kind 0 before the first is the start). */
    private static QueryProblem fromTokens(String query, Token last, Token next) {
        boolean atStart = last.image == null;
        if (last.kind == COLON) {
            int field = fieldStart(query, last.beginColumn);
            return problem("‘" + query.substring(field, last.beginColumn + 1) + "’ has no value after the colon", field,
                    "Write what to look for right after it, as in speaker:P07 or code:\"Cost and debt\".");
        }
        if (next.kind == COLON) {
            return problem("A colon needs the name of a filter before it", next.beginColumn,
                    "Write it as speaker:P07, or put the colon in quotes to search for it.");
        }
        if (isOperator(next.kind) && (atStart || isOperator(last.kind))) {
            return atStart ? problem("The query starts with ‘" + next.image + "’", next.beginColumn,
                    "Put a word before it, or remove it.")
                    : problem("‘" + next.image + "’ comes right after ‘" + last.image + "’", next.beginColumn,
                    "Put a word between them, or remove one.");
        }
        if (next.kind == EOF && (isOperator(last.kind) || last.kind == NOT)) {
            return problem("The query ends with ‘" + last.image + "’", last.beginColumn,
                    "Put a word after it, or remove it.");
        }
        if (last.kind == PLUS || last.kind == MINUS) {
            return problem("‘" + last.image + "’ needs a word right after it", last.beginColumn,
                    "Write it as -debt (without) or +debt (with), or remove it.");
        }
        if (next.kind == FUZZY_SLOP) {
            return problem("‘~’ must come right after a word or a phrase", next.beginColumn,
                    "Write it as brokr~1 (a word spelt up to one letter differently) or \"money broker\"~5.");
        }
        if (last.kind == CARAT || next.kind == CARAT) {
            int at = last.kind == CARAT ? last.beginColumn : next.beginColumn;
            return problem("‘^’ (a word's weight) needs a number right after it, once", at,
                    "Write it as broker^2, or remove it.");
        }
        if (isInRange(last.kind) || isInRange(next.kind)) {
            return problem("The range is not complete", next.kind == EOF ? last.beginColumn : next.beginColumn,
                    "A range is written [from TO to], " + RANGE_EXAMPLE + " (* for an open end).");
        }
        if (last.kind == LPAREN && next.kind == RPAREN) {
            return problem("The brackets are empty", last.beginColumn, "Put words inside them, or remove them.");
        }
        return problem("The query could not be read", next.kind == EOF ? last.beginColumn : next.beginColumn,
                "Check its quotes, brackets and the words AND, OR and NOT.");
    }

    /** Errors of Lucene's tokenizer: after the quote check, chiefly a backslash that escapes nothing. */
    private static QueryProblem lexical(String query, String message) {
        int backslashes = 0;
        while (backslashes < query.length() && query.charAt(query.length() - 1 - backslashes) == '\\') {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            return problem("The query ends with a backslash (\\), which escapes nothing", query.length() - 1,
                    "Remove it, or write \\\\ to search for a backslash.");
        }
        Matcher column = LEXICAL_COLUMN.matcher(message == null ? "" : message);
        int at = column.find() ? Math.min(Integer.parseInt(column.group(1)), query.length()) - 1 : 0;
        return problem("The query could not be read", Math.max(0, at),
                "Check its quotes, brackets and the words AND, OR and NOT.");
    }

    private static boolean isOperator(int kind) {
        return kind == AND || kind == OR;
    }

    private static boolean isInRange(int kind) {
        return kind == RANGE_TO || kind == RANGE_GOOP || kind == RANGE_QUOTED || kind == RANGEIN_END
                || kind == RANGEEX_END || kind == RANGEIN_START || kind == RANGEEX_START;
    }

    /** Where the filter name before the colon at {@code colon} starts: after the space or bracket before it. */
    private static int fieldStart(String query, int colon) {
        int start = colon;
        while (start > 0 && !Character.isWhitespace(query.charAt(start - 1)) && "(+-".indexOf(query.charAt(start - 1)) < 0) {
            start--;
        }
        return start;
    }

    /** The sentence with its place (character {@code offset + 1}), then the remedy. */
    private static QueryProblem problem(String what, int offset, String remedy) {
        int character = offset + 1;
        return new QueryProblem(what + " (at character " + character + "). " + remedy, character);
    }
}
