package app.margin.search;

import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * How transcripts that mix Korean and English become terms.
 *
 * <p>{@link IndexFields#TEXT}: Nori splits Korean into morphemes and drops particles and endings, so 브로커에게 and
 * 브로커가 are both found by 브로커; Latin words pass through Nori whole and are lower-cased and Porter-stemmed, so
 * "brokers" finds "broker". {@link IndexFields#GRAMS}: Hangul as overlapping pairs of syllables (CJK bigrams), so a
 * part of a word (브로 in 브로커) or a word Nori splits differently is still found; other scripts are left out of it.
 */
final class TextAnalyzers {
    private TextAnalyzers() {
    }

    static Analyzer forIndex() {
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
                Map.of(IndexFields.TEXT, words(), IndexFields.GRAMS, hangulPairs()));
    }

    static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = new KoreanTokenizer();
                TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer);
                stream = new KoreanReadingFormFilter(stream);
                stream = new LowerCaseFilter(stream);
                stream = new EnglishPossessiveFilter(stream);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    static Analyzer hangulPairs() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new CJKWidthFilter(tokenizer);
                stream = new CJKBigramFilter(stream, CJKBigramFilter.HANGUL);
                stream = new HangulOnly(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** Keeps the Hangul pairs and single syllables that {@link CJKBigramFilter} made; drops every other token. */
    private static final class HangulOnly extends FilteringTokenFilter {
        private static final Set<String> KEPT = Set.of(CJKBigramFilter.DOUBLE_TYPE, CJKBigramFilter.SINGLE_TYPE);
        private final TypeAttribute type = addAttribute(TypeAttribute.class);

        HangulOnly(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            return KEPT.contains(type.type());
        }
    }
}
