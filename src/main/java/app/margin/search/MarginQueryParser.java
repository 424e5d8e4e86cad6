package app.margin.search;

import static app.margin.search.IndexFields.*;

import app.margin.coding.VisibleLayers.Layers;
import app.margin.corpus.AttributeNames;
import app.margin.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Margin's query language: Lucene's classic syntax on the text (words, "phrases", AND/OR/NOT, wildcards, fuzzy~,
 * "proximity"~5; words are joined by AND unless told otherwise) plus filters {@code code: coder: speaker: kind: doc:
 * case: attr.<name>:}. Words are analysed as in the index (see {@link TextAnalyzers}); filters become exact terms.
 * {@code coder:} also narrows {@code code:} to that coder's layer, so {@code code:X coder:ana} means Ana's codings of X.
 */
final class MarginQueryParser extends QueryParser {
    private static final Pattern CODER = Pattern.compile("(?i)(?<![\\w.])coder:(\"[^\"]*\"|\\S+)");

    private final SearchScope scope;
    private final List<Layers> coderLayers;
    private final QueryLimits limits;
    private int fuzzyTerms;
    private int wildcardTerms;

    private MarginQueryParser(SearchScope scope, List<Layers> coderLayers, QueryLimits limits) {
        super(TEXT, TextAnalyzers.forQuery());
        this.scope = scope;
        this.coderLayers = coderLayers;
        this.limits = limits;
        setSplitOnWhitespace(true);
        setAutoGeneratePhraseQueries(true);
        setDefaultOperator(Operator.AND);
        setAllowLeadingWildcard(false);
    }

    /** Parses a query under the default {@link QueryLimits}. */
    static Query parse(String query, SearchScope scope) {
        return parse(query, scope, QueryLimits.DEFAULTS);
    }

    /**
     * Parses a query; a blank query matches everything. Errors are {@link QueryProblem}s in a researcher's words,
     * naming the character where the problem is ({@link QuerySyntax}). The query's length, depth and clauses are
     * checked before Lucene's (recursive) parser runs, its fuzzy and wildcard words while it runs.
     */
    static Query parse(String query, SearchScope scope, QueryLimits limits) {
        if (query == null || query.isBlank()) {
            return new MatchAllDocsQuery();
        }
        limits.checkText(query);
        List<Layers> layers = new ArrayList<>();
        Matcher coder = CODER.matcher(query);
        while (coder.find()) {
            layers.add(scope.layerOf(coder.group(1).replace("\"", "").strip()));
        }
        try {
            return new MarginQueryParser(scope, layers, limits).parse(query);
        } catch (TooComplexToDeterminizeException e) {
            throw QueryLimits.tooCostly("a wildcard word is too intricate to match. Use fewer * and ? in one word.");
        } catch (ParseException e) {
            throw QuerySyntax.explain(query, e);
        }
    }

    @Override
    protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
        if (field.equals(TEXT)) {
            return super.getFieldQuery(TEXT, text, quoted);
        }
        return filter(field, text);
    }

    @Override
    protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
        if (field.equals(TEXT)) {
            return withSlop(super.getFieldQuery(TEXT, text, true), slop);
        }
        return filter(field, text);
    }

    @Override
    protected Query getRangeQuery(String field, String low, String high, boolean startInclusive, boolean endInclusive)
            throws ParseException {
        if (!field.startsWith(ATTR)) {
            throw new QueryProblem("Ranges [a TO b] work on attributes (attr.<name>:[2008 TO 2012]), not on " + field + ":.");
        }
        String name = ATTR + attribute(field);
        Double from = low == null || low.equals("*") ? null : IndexDocuments.number(low);
        Double to = high == null || high.equals("*") ? null : IndexDocuments.number(high);
        boolean numeric = (from != null || isOpen(low)) && (to != null || isOpen(high));
        if (numeric) {
            double lo = from == null ? Double.NEGATIVE_INFINITY : startInclusive ? from : Math.nextUp(from);
            double hi = to == null ? Double.POSITIVE_INFINITY : endInclusive ? to : Math.nextDown(to);
            return DoublePoint.newRangeQuery(name + IndexFields.NUMBER, lo, hi);
        }
        return TermRangeQuery.newStringRange(name, isOpen(low) ? null : IndexDocuments.lower(low),
                isOpen(high) ? null : IndexDocuments.lower(high), startInclusive, endInclusive);
    }

    @Override
    protected Query getPrefixQuery(String field, String prefix) throws ParseException {
        limits.checkWildcard(++wildcardTerms);
        String keyword = keywordField(field);
        return keyword == null ? super.getPrefixQuery(field, prefix)
                : new PrefixQuery(new Term(keyword, IndexDocuments.lower(prefix)));
    }

    @Override
    protected Query getWildcardQuery(String field, String pattern) throws ParseException {
        if (field.equals(TEXT) && pattern.equals("*")) {
            return new MatchAllDocsQuery();
        }
        if (!pattern.equals("*") && (pattern.startsWith("*") || pattern.startsWith("?"))) {
            // every word of the index would have to be read
            throw new QueryProblem("A word cannot start with * or ? (‘" + pattern + "’): put at least one letter "
                    + "first, as in migr*.");
        }
        limits.checkWildcard(++wildcardTerms);
        String keyword = keywordField(field);
        try {
            return keyword == null ? super.getWildcardQuery(field, pattern)
                    : new WildcardQuery(new Term(keyword, IndexDocuments.lower(pattern)));
        } catch (TooComplexToDeterminizeException e) {
            // Lucene refuses patterns whose automaton would grow too large (found by fuzzing: rR**???…)
            String shown = pattern.length() > 40 ? pattern.substring(0, 40) + "…" : pattern;
            throw QueryLimits.tooCostly("the pattern ‘" + shown + "’ is too complex to search for; use fewer * and ? "
                    + "(e.g. broker* or bro?er).");
        }
    }

    @Override
    protected Query getFuzzyQuery(String field, String term, float similarity) throws ParseException {
        if (!field.equals(TEXT)) {
            throw new QueryProblem("Fuzzy matching (~) works on words of the text, not on " + field + ":.");
        }
        limits.checkFuzzy(term, ++fuzzyTerms);
        return super.getFuzzyQuery(field, term, similarity);
    }

    @Override
    protected Query getRegexpQuery(String field, String regexp) throws ParseException {
        throw new QueryProblem("Regular expressions (/…/) are not supported; use wildcards such as broker* instead.");
    }

    /** The exact-term query of one filter. */
    private Query filter(String field, String value) {
        String v = value.strip();
        return switch (field) {
            case "code" -> codeFilter(scope.codeIds(v));
            case "coder" -> scope.visibleIn(scope.layerOf(v), SearchScope::inLayers);
            case "speaker" -> new TermQuery(new Term(SPEAKER, IndexDocuments.lower(v)));
            case "kind" -> new TermQuery(new Term(KIND, kind(v)));
            case "doc" -> v.matches("\\d+") ? new TermQuery(new Term(DOC, v))
                    : new TermQuery(new Term(TITLE, IndexDocuments.lower(v)));
            case "case" -> new TermQuery(new Term(CASE, IndexDocuments.lower(v)));
            default -> {
                if (field.startsWith(ATTR)) {
                    yield new TermQuery(new Term(ATTR + attribute(field), IndexDocuments.lower(v)));
                }
                throw unknownField(field);
            }
        };
    }

    /**
     * Passages or segments with a visible coding of one of these codes (in the coder: layers, when given): one term
     * set per layer, so a large subtree of codes never runs into Lucene's limit on the number of clauses.
     */
    private Query codeFilter(List<Long> codeIds) {
        if (coderLayers.isEmpty()) {
            return scope.visible(layers -> coded(codeIds, layers));
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Layers asked : coderLayers) {
            any.add(scope.visibleIn(asked, layers -> coded(codeIds, layers)), Occur.SHOULD);
        }
        return any.build();
    }

    /** Passages or segments with a coding of one of these codes in these layers. */
    private static Query coded(List<Long> codeIds, Layers layers) {
        if (layers.every()) {
            return new TermInSetQuery(CODE, codeIds.stream().map(id -> new BytesRef(Long.toString(id))).toList());
        }
        List<BytesRef> terms = new ArrayList<>();
        for (String layer : SearchScope.layerKeys(layers)) {
            codeIds.forEach(id -> terms.add(new BytesRef(codeInLayer(id, layer))));
        }
        return new TermInSetQuery(CODE_IN_LAYER, terms.stream().sorted().toList());
    }

    private String keywordField(String field) {
        return switch (field) {
            case TEXT -> null;
            case "speaker" -> SPEAKER;
            case "doc" -> TITLE;
            case "case" -> CASE;
            default -> {
                if (field.startsWith(ATTR)) {
                    yield ATTR + attribute(field);
                }
                throw new QueryProblem("Wildcards work on the text and on speaker:, doc:, case: and attr.<name>:, not on "
                        + field + ":.");
            }
        };
    }

    private static String attribute(String field) {
        try {
            return AttributeNames.normalise(field.substring(ATTR.length()));
        } catch (ProblemException e) {
            throw new QueryProblem("attr. needs an attribute name, as in attr.gender:female.");
        }
    }

    private static String kind(String value) {
        String normal = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_-]+", "");
        return switch (normal) {
            case "transcript", "transcripts", "interview" -> "transcript";
            case "fieldnote", "fieldnotes", "note" -> "field_note";
            case "other" -> "other";
            default -> throw new QueryProblem("kind: is transcript, field_note or other, not ‘" + value + "’.");
        };
    }

    private static QueryProblem unknownField(String field) {
        return new QueryProblem("Unknown filter ‘" + field + ":’. Filters are code:, coder:, speaker:, kind:, doc:, case: "
                + "and attr.<name>: (put a colon in quotes to search for it).");
    }

    private static boolean isOpen(String bound) {
        return bound == null || bound.equals("*");
    }

    private static Query withSlop(Query query, int slop) {
        if (query instanceof PhraseQuery phrase) {
            PhraseQuery.Builder builder = new PhraseQuery.Builder().setSlop(slop);
            Term[] terms = phrase.getTerms();
            int[] positions = phrase.getPositions();
            for (int i = 0; i < terms.length; i++) {
                builder.add(terms[i], positions[i]);
            }
            return builder.build();
        }
        if (query instanceof MultiPhraseQuery multi) {
            return new MultiPhraseQuery.Builder(multi).setSlop(slop).build();
        }
        return query;
    }
}
