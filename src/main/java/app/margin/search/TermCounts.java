package app.margin.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Word counts of some texts, as a reader would name the words: whole words lower-cased (Korean words whole, not
 * syllable pairs), English function words, numbers and single letters left out. The input of keyness.
 */
public final class TermCounts {
    private static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(new CJKWidthFilter(tokenizer));
            stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    private final Map<String, Long> counts = new HashMap<>();
    private long words;

    void add(String text) {
        try (TokenStream stream = WORDS.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (word.length() > 1 && !word.chars().allMatch(Character::isDigit)) {
                    counts.merge(word, 1L, Long::sum);
                    words++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Long> counts() {
        return counts;
    }

    /** Every counted word, for relative frequencies. */
    public long words() {
        return words;
    }
}
