package app.margin.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.IOUtils;

/**
 * Word counts of some texts, as a reader would name the words: whole words lower-cased (Korean words whole, not
 * syllable pairs, without their case particle), left out what speech is full of and nobody would call a key word:
 * Lucene's Snowball English stop list, spoken fillers ("like", "yeah", "you know") and Korean function words from
 * {@code keyword-stopwords.txt}, numbers and single Latin letters. The input of keyness.
 */
public final class TermCounts {
    private static final CharArraySet STOP_WORDS = stopWords();

    /** Typographic apostrophes are written as plain ones, so "don’t" is the stop word "don't". */
    private static final NormalizeCharMap APOSTROPHES;

    static {
        NormalizeCharMap.Builder apostrophes = new NormalizeCharMap.Builder();
        apostrophes.add("\u2019", "'");
        apostrophes.add("\u2018", "'");
        APOSTROPHES = apostrophes.build();
    }

    private static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(new CJKWidthFilter(tokenizer));
            stream = new KoreanParticleFilter(stream);
            stream = new StopFilter(stream, STOP_WORDS);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected Reader initReader(String field, Reader reader) {
            return new MappingCharFilter(APOSTROPHES, reader);
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
                if (isWord(word)) {
                    counts.merge(word, 1L, Long::sum);
                    words++;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not a number, not a single Latin letter (a single Hangul syllable is a word: 돈, 집, 배). */
    private static boolean isWord(String word) {
        if (word.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return word.length() > 1 || Character.UnicodeScript.of(word.charAt(0)) == Character.UnicodeScript.HANGUL;
    }

    private static CharArraySet stopWords() {
        try (Reader snowball = IOUtils.getDecodingReader(
                IOUtils.requireResourceNonNull(SnowballFilter.class.getResourceAsStream("english_stop.txt"), "english_stop.txt"),
                StandardCharsets.UTF_8);
                Reader spoken = IOUtils.getDecodingReader(IOUtils.requireResourceNonNull(
                        TermCounts.class.getResourceAsStream("keyword-stopwords.txt"), "keyword-stopwords.txt"),
                        StandardCharsets.UTF_8)) {
            CharArraySet words = new CharArraySet(WordlistLoader.getSnowballWordSet(snowball), false);
            words.addAll(WordlistLoader.getWordSet(spoken, "#"));
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException("The key-word stop lists are missing from the build", e);
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
