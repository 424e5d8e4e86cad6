package app.margin.analysis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times the co-occurrence matrices on the size issue 4 targets: 150 codes, 300,000 coded segments in 2,000
 * transcripts of about 9,000 words (fixed seed). Not a test: run it as a plain program (see docs/analysis.md).
 *
 * <p>Shape of each transcript: alternating interviewer and interviewee turns of 10–200 words (about 60 on average),
 * sentences of 5–25 words. Coders code interviewee turns: a coded turn gets 1–4 codes, each on a run of 1–3 of its
 * sentences, so codes in one turn often overlap; one segment in ten runs on into the next turn(s). Codes are drawn
 * with a Zipf-like skew (a few codes are frequent, most are rare), as in real codebooks.
 *
 * <p>Prints wall time (median, min, max) and the CPU time of the timing thread: on a machine shared with other
 * builds the wall time mostly measures waiting for a core, the CPU time (and the minimum) what the code costs.
 */
public final class CooccurrenceBenchmark {
    static final int DOCUMENTS = 2_000;
    static final int CODES = 150;
    static final int SEGMENTS_PER_DOCUMENT = 150;
    static final int RUNS = Integer.getInteger("runs", 11);
    /** CPU time of the timing thread, which other processes on a shared machine do not inflate. */
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Only the measurements whose name starts with a match of this regular expression (the second argument). */
    static String filter = "";

    private CooccurrenceBenchmark() {
    }

    /** The same codings three times: with sentence, speaker-turn and whole-document units. */
    record Corpus(List<Segment> bySentence, List<Segment> byTurn, List<Segment> byDocument, long words) {
    }

    static Corpus generate(long seed) {
        Random random = new Random(seed);
        double[] cumulative = new double[CODES];
        double sum = 0;
        for (int c = 0; c < CODES; c++) {
            sum += 1 / Math.pow(c + 1, 0.8);
            cumulative[c] = sum;
        }
        List<Segment> bySentence = new ArrayList<>(DOCUMENTS * SEGMENTS_PER_DOCUMENT);
        List<Segment> byTurn = new ArrayList<>(DOCUMENTS * SEGMENTS_PER_DOCUMENT);
        List<Segment> byDocument = new ArrayList<>(DOCUMENTS * SEGMENTS_PER_DOCUMENT);
        long words = 0;
        for (int d = 0; d < DOCUMENTS; d++) {
            long documentId = 10_000 + d;
            // sentences[s] = first word of sentence s; turns[t] = first sentence of turn t
            List<Integer> sentenceStart = new ArrayList<>();
            List<Integer> turnStart = new ArrayList<>();
            int word = 0;
            while (word < 9_000) {
                turnStart.add(sentenceStart.size());
                int turnWords = 10 + (int) Math.min(190, -60 * Math.log(1 - random.nextDouble()));
                int end = word + turnWords;
                while (word < end) {
                    sentenceStart.add(word);
                    word += 5 + random.nextInt(21);
                }
            }
            int totalWords = word;
            int sentences = sentenceStart.size();
            int turns = turnStart.size();
            turnStart.add(sentences);
            sentenceStart.add(totalWords);
            int[] turnOfSentence = new int[sentences];
            for (int t = 0; t < turns; t++) {
                for (int s = turnStart.get(t); s < turnStart.get(t + 1); s++) {
                    turnOfSentence[s] = t;
                }
            }
            words += totalWords;
            int made = 0;
            while (made < SEGMENTS_PER_DOCUMENT) {
                int turn = 1 + 2 * random.nextInt(turns / 2); // interviewee turns
                if (turn >= turns) {
                    continue;
                }
                int codesHere = 1 + random.nextInt(4);
                for (int n = 0; n < codesHere && made < SEGMENTS_PER_DOCUMENT; n++, made++) {
                    int first = turnStart.get(turn) + random.nextInt(turnStart.get(turn + 1) - turnStart.get(turn));
                    int last = random.nextInt(10) == 0
                            ? Math.min(sentences - 1, first + 2 + random.nextInt(6)) // runs into the next turn(s)
                            : Math.min(turnStart.get(turn + 1) - 1, first + random.nextInt(3));
                    int startWord = sentenceStart.get(first);
                    int endWord = sentenceStart.get(last + 1);
                    int code = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                    long codeId = 1 + (code < 0 ? -code - 1 : code);
                    int start = startWord * 6;
                    int end = endWord * 6 - 1; // words of 5 characters and a space
                    bySentence.add(new Segment(documentId, codeId, start, end, startWord, endWord, first, last));
                    byTurn.add(new Segment(documentId, codeId, start, end, startWord, endWord,
                            turnOfSentence[first], turnOfSentence[last]));
                    byDocument.add(new Segment(documentId, codeId, start, end, startWord, endWord, 0, 0));
                }
            }
        }
        return new Corpus(bySentence, byTurn, byDocument, words);
    }

    public static void main(String[] args) {
        filter = args.length > 1 ? args[1] : "";
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        long generating = System.nanoTime();
        Corpus corpus = generate(seed);
        List<Long> codeIds = new ArrayList<>();
        for (long c = 1; c <= CODES; c++) {
            codeIds.add(c);
        }
        Map<Long, String> gender = new HashMap<>();
        List<Long> documentIds = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            gender.put(10_000L + d, d % 7 == 0 ? null : d % 2 == 0 ? "women" : "men");
            documentIds.add(10_000L + d);
        }
        System.out.printf(Locale.ROOT, "corpus: %,d segments, %d codes, %,d documents, %,d words (seed %d, %.1f s)%n",
                corpus.byTurn().size(), CODES, DOCUMENTS, corpus.words(), seed,
                (System.nanoTime() - generating) / 1e9);
        System.out.printf(Locale.ROOT, "java %s, %d processors, max heap %d MB, load average %.1f; median of %d runs "
                + "after warm-up%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), RUNS);

        time("OVERLAP", () -> Cooccurrence.compute(corpus.byTurn(), codeIds, CooccurrenceMode.OVERLAP, 0));
        time("UNIT sentence", () -> Cooccurrence.compute(corpus.bySentence(), codeIds, CooccurrenceMode.UNIT, 0));
        time("UNIT speaker turn", () -> Cooccurrence.compute(corpus.byTurn(), codeIds, CooccurrenceMode.UNIT, 0));
        time("UNIT document", () -> Cooccurrence.compute(corpus.byDocument(), codeIds, CooccurrenceMode.UNIT, 0));
        time("PROXIMITY 10 words",
                () -> Cooccurrence.compute(corpus.byTurn(), codeIds, CooccurrenceMode.PROXIMITY, 10));
        time("PROXIMITY 50 words",
                () -> Cooccurrence.compute(corpus.byTurn(), codeIds, CooccurrenceMode.PROXIMITY, 50));
        time("code x attribute", () -> AttributeMatrix.compute(corpus.byTurn(), codeIds, gender));
        time("code x document", () -> DocumentMatrix.compute(corpus.byTurn(), codeIds, documentIds));
    }

    private static void time(String name, Supplier<Object> work) {
        if (!java.util.regex.Pattern.compile(filter).matcher(name).lookingAt()) {
            return;
        }
        Object result = null;
        for (int warm = 0; warm < 5; warm++) {
            result = work.get();
        }
        long[] nanos = new long[RUNS];
        long[] cpu = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long beginCpu = THREADS.getCurrentThreadCpuTime();
            long begin = System.nanoTime();
            result = work.get();
            nanos[run] = System.nanoTime() - begin;
            cpu[run] = THREADS.getCurrentThreadCpuTime() - beginCpu;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        String detail = result instanceof CodeMatrix m ? String.format(Locale.ROOT, "%,d co-occurring pairs",
                pairs(m)) : "";
        System.out.printf(Locale.ROOT,
                "%-20s median %6.1f ms  (min %6.1f, max %6.1f; CPU median %6.1f, min %6.1f)  %s%n", name,
                nanos[RUNS / 2] / 1e6, nanos[0] / 1e6, nanos[RUNS - 1] / 1e6, cpu[RUNS / 2] / 1e6, cpu[0] / 1e6,
                detail);
    }

    private static long pairs(CodeMatrix m) {
        long pairs = 0;
        for (int i = 0; i < m.segments().length; i++) {
            for (int j = i + 1; j < m.segments().length; j++) {
                pairs += m.segments()[i][j];
            }
        }
        return pairs;
    }
}
