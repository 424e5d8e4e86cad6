package app.margin.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * The words, phrases, wildcards and fuzzy terms of a search on the text, without its filters (codes, attributes,
 * layers, speakers): what a keyword-in-context line highlights, and what places a hit inside its passage.
 *
 * <p>Asking the whole query where it matches one passage re-evaluated every filter for that passage; a numeric range
 * such as {@code attr.arrival_year:[2008 TO 2012]} then walked all its index points once per line shown, which a
 * profile found to be the largest cost of a page of hits. Words under NOT are left out: they never occur in a hit.
 */
final class TextOnlyQuery {
    private TextOnlyQuery() {
    }

    /** Any of the query's text parts (a passage matched by filters alone has no place to highlight). */
    static Query of(Query query) {
        List<Query> parts = new ArrayList<>(); // each once: a MultiPhraseQuery reports itself per position

        query.visit(new QueryVisitor() {
            private void add(Query part) {
                if (parts.stream().noneMatch(p -> p == part)) {
                    parts.add(part);
                }
            }

            @Override
            public boolean acceptField(String field) {
                return IndexFields.TEXT.equals(field);
            }

            @Override
            public void consumeTerms(Query part, Term... terms) {
                add(part);
            }

            @Override
            public void consumeTermsMatching(Query part, String field, Supplier<ByteRunAutomaton> automaton) {
                add(part);
            }

            @Override
            public void visitLeaf(Query part) {
                add(part);
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
        if (parts.isEmpty()) {
            return new MatchNoDocsQuery("no words to highlight");
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        parts.forEach(part -> any.add(part, Occur.SHOULD));
        return any.build();
    }
}
