package app.margin.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How transcripts that mix Korean and English become terms of {@link IndexFields#TEXT}.
 *
 * <p>English (and other alphabetic scripts): words, lower-cased, possessive 's removed, Porter-stemmed, so "brokers"
 * and "broker's" find "broker". Hangul: each syllable and each pair of neighbouring syllables (CJK unigrams and
 * bigrams) at index time, pairs at query time, so a Korean word is found by its stem, which in Korean is its start
 * (브로커 finds 브로커에게 and 브로커가), and by any part of it (브로 finds 브로커), and a single syllable (돈) finds
 * 돈을. Nori, Lucene's Korean morphological analyser, was measured here at 0.3 MB/s on Korean text (two orders of
 * magnitude slower than this), too slow for a 100 MB corpus to be searchable in under 30 s; the price of pairs is
 * that irregular verb forms (하다 / 했다) are not unified.
 */
final class TextAnalyzers {
    private TextAnalyzers() {
    }

    static Analyzer forIndex() {
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(IndexFields.TEXT, words(true)));
    }

    static Analyzer forQuery() {
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(IndexFields.TEXT, words(false)));
    }

    /** The text analyzer; {@code syllables}: also emit single Hangul syllables (index time). */
    static Analyzer words(boolean syllables) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new CJKWidthFilter(tokenizer);
                stream = new LowerCaseFilter(stream);
                stream = new CJKBigramFilter(stream, CJKBigramFilter.HANGUL, syllables);
                stream = new EnglishPossessiveFilter(stream);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new LowerCaseFilter(new CJKWidthFilter(in));
            }
        };
    }
}
