package app.margin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates fictional, transcript-shaped benchmark data from a fixed seed: alternating interviewer questions and
 * long participant answers, sentences of English and (with the configured share) Korean, word frequencies skewed
 * like natural text. Not language, but the shape search and coding see: turns, sentences, mixed scripts.
 */
public final class CorpusGenerator {
    private static final String[] ENGLISH = ("the and to i a of it was in we that my they you he she had but for "
            + "with not there when so my then at this money broker china south korea north london family children "
            + "work job school church friends mother father brother sister border police documents passport visa "
            + "asylum interview home hospital language english korean restaurant kitchen factory debt paid "
            + "loan river night train bus plane embassy office lawyer community neighbours discrimination people "
            + "accent respect dignity education future hope fear afraid safe tired years months later first again "
            + "always never because when where how much many little very different difficult easy good bad new "
            + "old young life death food hungry cold winter summer city village house room church pastor meeting "
            + "help helped asked told said went came stayed left arrived waited worked lived learned remember "
            + "forget believe think know felt heard saw called paid sent took gave found lost kept hid crossed "
            + "glass ceiling welfare benefits council flat manager colleague customer shift wage salary savings "
            + "smuggler guide dormitory camp detention interpreter solicitor tribunal appeal refused granted").split(" ");
    private static final String[] KOREAN = ("브로커가 브로커에게 돈을 중국에서 한국에서 영국으로 가족이 아이들이 교회에서 "
            + "일을 했어요 갔어요 왔어요 무서웠어요 힘들었어요 좋았어요 사람들이 북한 남한 런던에 식당에서 공장에서 "
            + "학교에 엄마가 아빠가 동생이 언니가 국경을 넘었어요 경찰이 서류를 여권을 망명 신청을 면접을 "
            + "차별을 받았어요 말투 때문에 존중 미래 희망 빚을 갚았어요 밤에 강을 기차를 버스를 비행기를 "
            + "대사관에 변호사가 이웃들이 도와줬어요 기억해요 생각해요 몰라요 그때 나중에 처음에 다시").split(" ");

    private final Random random;
    private final double koreanShare;

    public CorpusGenerator(long seed, double koreanShare) {
        this.random = new Random(seed);
        this.koreanShare = koreanShare;
    }

    /** A transcript of about {@code words} words for participant {@code name}. */
    public String transcript(String name, int words) {
        StringBuilder text = new StringBuilder("Generated benchmark transcript ").append(name)
                .append(": fictional, not research data.\n\n");
        int written = 0;
        while (written < words) {
            int question = 8 + random.nextInt(25);
            text.append("Interviewer: ");
            written += sentences(text, question);
            text.append("\n\n").append(name).append(": ");
            written += sentences(text, 40 + random.nextInt(220));
            text.append("\n\n");
        }
        return text.toString();
    }

    /** Two adjacent words somewhere in a text: a phrase that is sure to be found. */
    public String phraseFrom(String text) {
        String[] words = text.split("\\s+");
        for (int attempt = 0; attempt < 100; attempt++) {
            int at = 20 + random.nextInt(words.length - 40);
            String a = words[at].replaceAll("[^\\p{L}]", "");
            String b = words[at + 1].replaceAll("[^\\p{L}]", "");
            if (a.length() > 2 && b.length() > 2) {
                return a + " " + b;
            }
        }
        return "broker money";
    }

    public String englishWord() {
        return ENGLISH[skewed(ENGLISH.length / 2) + ENGLISH.length / 4];
    }

    public String koreanWord() {
        return KOREAN[random.nextInt(KOREAN.length)];
    }

    public Random random() {
        return random;
    }

    private int sentences(StringBuilder text, int words) {
        int written = 0;
        while (written < words) {
            boolean korean = random.nextDouble() < koreanShare;
            int length = 4 + random.nextInt(16);
            List<String> sentence = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                sentence.add(korean ? KOREAN[skewed(KOREAN.length)] : ENGLISH[skewed(ENGLISH.length)]);
            }
            String first = sentence.getFirst();
            sentence.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
            text.append(String.join(" ", sentence)).append(random.nextInt(6) == 0 ? "? " : ". ");
            written += length;
        }
        return written;
    }

    /** An index skewed towards the start of a list, so some words are common and many are rare. */
    private int skewed(int size) {
        double u = random.nextDouble();
        return Math.min(size - 1, (int) (size * u * u));
    }
}
