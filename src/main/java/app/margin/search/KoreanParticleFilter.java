package app.margin.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Takes the case particle off a Hangul word (브로커에게 → 브로커, 돈을 → 돈), so a key word counts once whatever role
 * it played in the sentence. A particle whose form depends on the syllable before it (을/를, 은/는, 이/가, 과/와,
 * 으로/로) is taken off only where that form fits: 가을 (autumn) and 마을 (village) keep their 을, because 가 and 마
 * end in a vowel and would take 를. Words of one syllable and words in other scripts pass unchanged.
 */
final class KoreanParticleFilter extends TokenFilter {
    private enum Follows { ANY, CONSONANT, VOWEL, VOWEL_OR_RIEUL }

    private record Particle(String form, Follows follows) {
    }

    /** Longest first, so 에서는 goes before 는 and 에서 before 서. */
    private static final List<Particle> PARTICLES = List.of(
            new Particle("에서부터", Follows.ANY), new Particle("으로부터", Follows.CONSONANT),
            new Particle("에게서는", Follows.ANY), new Particle("에서는", Follows.ANY), new Particle("에게는", Follows.ANY),
            new Particle("으로는", Follows.CONSONANT), new Particle("에게서", Follows.ANY), new Particle("한테서", Follows.ANY),
            new Particle("로부터", Follows.VOWEL_OR_RIEUL), new Particle("에서도", Follows.ANY),
            new Particle("에서", Follows.ANY), new Particle("에게", Follows.ANY), new Particle("한테", Follows.ANY),
            new Particle("께서", Follows.ANY), new Particle("까지", Follows.ANY), new Particle("부터", Follows.ANY),
            new Particle("처럼", Follows.ANY), new Particle("보다", Follows.ANY), new Particle("에는", Follows.ANY),
            new Particle("에도", Follows.ANY), new Particle("으로", Follows.CONSONANT), new Particle("이랑", Follows.CONSONANT),
            new Particle("이나", Follows.CONSONANT), new Particle("이든", Follows.CONSONANT),
            new Particle("을", Follows.CONSONANT), new Particle("를", Follows.VOWEL),
            new Particle("은", Follows.CONSONANT), new Particle("는", Follows.VOWEL),
            new Particle("이", Follows.CONSONANT), new Particle("가", Follows.VOWEL),
            new Particle("과", Follows.CONSONANT), new Particle("와", Follows.VOWEL),
            new Particle("로", Follows.VOWEL_OR_RIEUL), new Particle("랑", Follows.VOWEL),
            new Particle("의", Follows.ANY), new Particle("에", Follows.ANY), new Particle("도", Follows.ANY),
            new Particle("만", Follows.ANY));

    private static final char FIRST_SYLLABLE = '\uAC00';
    private static final char LAST_SYLLABLE = '\uD7A3';
    /** A Hangul syllable's final consonant (batchim) index; 8 is ㄹ. */
    private static final int RIEUL = 8;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    KoreanParticleFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String word = term.toString();
        String stem = stem(word);
        if (!stem.equals(word)) {
            term.setEmpty().append(stem);
        }
        return true;
    }

    /** The word without its particle, or the word itself. */
    static String stem(String word) {
        if (word.length() < 2 || !allHangul(word)) {
            return word;
        }
        for (Particle particle : PARTICLES) {
            int stemLength = word.length() - particle.form().length();
            if (stemLength >= 1 && word.endsWith(particle.form()) && fits(word.charAt(stemLength - 1), particle.follows())) {
                return word.substring(0, stemLength);
            }
        }
        return word;
    }

    private static boolean fits(char last, Follows follows) {
        int batchim = (last - FIRST_SYLLABLE) % 28;
        return switch (follows) {
            case ANY -> true;
            case CONSONANT -> batchim != 0;
            case VOWEL -> batchim == 0;
            case VOWEL_OR_RIEUL -> batchim == 0 || batchim == RIEUL;
        };
    }

    private static boolean allHangul(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < FIRST_SYLLABLE || c > LAST_SYLLABLE) {
                return false;
            }
        }
        return true;
    }
}
