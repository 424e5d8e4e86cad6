package app.margin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as a word of a code's key words: what a reader would name, not what speech is full of. */
class TermCountsTest {
    @Test
    void spokenFillersAndFunctionWordsAreLeftOut() {
        Map<String, Long> counts = counts("I was, like, you know, scared about the broker who waited. "
                + "Yeah, I don’t think we knew where the broker was going. Um, it was 1998, a cold winter.");
        assertEquals(2L, counts.get("broker"));
        assertTrue(counts.containsKey("scared"));
        assertTrue(counts.containsKey("winter"));
        for (String filler : new String[] {"like", "know", "about", "who", "yeah", "don't", "think", "um", "the", "was",
                "1998", "a"}) {
            assertFalse(counts.containsKey(filler), filler + " is not a key word");
        }
    }

    @Test
    void aKoreanWordCountsOnceWhateverParticleItTakes() {
        Map<String, Long> counts = counts("브로커에게 돈을 줬어요. 브로커가 중국에서 기다렸어요. 브로커는 한국으로 갔어요.");
        assertEquals(3L, counts.get("브로커"));
        assertEquals(1L, counts.get("돈"), "a word of one syllable is a word");
        assertEquals(1L, counts.get("중국"));
        assertEquals(1L, counts.get("한국"));
    }

    @Test
    void aParticleComesOffOnlyWhereItsFormFitsTheSyllableBeforeIt() {
        assertEquals("가을", KoreanParticleFilter.stem("가을"), "autumn: 가 ends in a vowel, which would take 를");
        assertEquals("마을", KoreanParticleFilter.stem("마을"), "village");
        assertEquals("사이", KoreanParticleFilter.stem("사이"));
        assertEquals("아버지", KoreanParticleFilter.stem("아버지가"));
        assertEquals("집", KoreanParticleFilter.stem("집에"));
        assertEquals("서울", KoreanParticleFilter.stem("서울로"), "로 after ㄹ");
        assertEquals("broker", KoreanParticleFilter.stem("broker"));
    }

    @Test
    void koreanPronounsAndFillersAreLeftOutAfterTheirParticle() {
        Map<String, Long> counts = counts("저는 그냥 네, 제가 그때 어머니를 만났어요. 우리는 정말 배를 탔어요.");
        assertTrue(counts.containsKey("어머니"));
        assertTrue(counts.containsKey("배"));
        for (String word : new String[] {"저", "제", "그냥", "네", "그때", "우리", "정말"}) {
            assertFalse(counts.containsKey(word), word + " is not a key word");
        }
    }

    private static Map<String, Long> counts(String text) {
        TermCounts counts = new TermCounts();
        counts.add(text);
        return counts.counts();
    }
}
