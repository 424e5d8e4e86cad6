package app.margin.agreement;

import app.margin.text.Segment;
import app.margin.text.TextUnits;
import app.margin.agreement.RoundAgreement.Coded;
import app.margin.agreement.RoundAgreement.Figure;
import app.margin.agreement.RoundAgreement.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Not a test: times the agreement of a whole project of 2,000 transcripts of about 9,000 words (≈ 50,000
 * characters) each, 5 coders and 20 codes, with synthetic codings from a fixed seed. Run after
 * {@code ./mvnw -B test-compile}:
 *
 * <pre>java -cp target/classes:target/test-classes app.margin.agreement.AgreementBenchmark</pre>
 *
 * It prints the time of the character-level computation (presence tables, κ, α, percent agreement overall, per
 * code, per document and per pair, unitizing α per code) and of the sentence-level one including sentence splitting,
 * and of finding every disagreement.
 */
public final class AgreementBenchmark {
    static final int DOCUMENTS = 2_000;
    static final int WORDS = 9_000;
    static final int CODERS = 5;
    static final int CODES = 20;
    static final int SEGMENTS_PER_DOCUMENT = 40;

    private AgreementBenchmark() {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread in ms: less disturbed than wall time when other processes share the machine. */
    private static long cpuMs() {
        return THREADS.getCurrentThreadCpuTime() / 1_000_000;
    }

    /** CPU time of the whole process in ms (this thread plus garbage collection and JIT compilation). */
    private static long processCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    public static void main(String[] args) {
        Random random = new Random(42);
        long t0 = System.nanoTime();
        List<String> texts = new ArrayList<>(DOCUMENTS);
        String[] words = {"broker", "money", "visa", "factory", "그는", "사라졌어요", "we", "paid", "the", "agency",
            "month", "debt", "family", "work", "hours"};
        for (int d = 0; d < DOCUMENTS; d++) {
            StringBuilder text = new StringBuilder(WORDS * 6);
            for (int w = 0; w < WORDS; w++) {
                text.append(words[random.nextInt(words.length)]);
                text.append(random.nextInt(12) == 0 ? (random.nextInt(8) == 0 ? ".\n" : ". ") : " ");
            }
            texts.add(text.toString());
        }
        List<Coded> codings = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            int length = texts.get(d).length();
            for (int s = 0; s < SEGMENTS_PER_DOCUMENT; s++) {
                long code = random.nextInt(CODES);
                int start = random.nextInt(length - 600);
                int end = start + 50 + random.nextInt(500);
                for (int c = 0; c < CODERS; c++) {
                    if (random.nextInt(10) == 0) {
                        continue; // this coder missed the passage
                    }
                    int from = Math.max(0, start + random.nextInt(41) - 20);
                    int to = Math.min(length, end + random.nextInt(41) - 20);
                    codings.add(new Coded(d, code, c, from, to));
                }
            }
        }
        long characters = texts.stream().mapToLong(String::length).sum();
        System.out.printf("generated %,d documents, %,d characters, %,d codings in %d ms%n", DOCUMENTS, characters,
                codings.size(), (System.nanoTime() - t0) / 1_000_000);
        List<String> coders = List.of("c1", "c2", "c3", "c4", "c5");
        List<Long> codes = new ArrayList<>();
        for (long c = 0; c < CODES; c++) {
            codes.add(c);
        }
        List<Text> characterTexts = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            characterTexts.add(new Text(d, texts.get(d).length(), null));
        }
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            long cpu = cpuMs();
            long process = processCpuMs();
            List<Figure> figures = RoundAgreement.compute(UnitOfAnalysis.CHARACTER, coders, codes, characterTexts,
                    codings);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run %d CHARACTER: %,d figures in %d ms wall, %d ms CPU (process %d ms) (overall α %.3f, "
                    + "κ %.3f)%n", run, figures.size(), ms, cpuMs() - cpu, processCpuMs() - process,
                    figures.getFirst().alpha(), figures.getFirst().kappa());
        }
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            long cpu = cpuMs();
            List<Text> sentenceTexts = new ArrayList<>();
            for (int d = 0; d < DOCUMENTS; d++) {
                sentenceTexts.add(new Text(d, texts.get(d).length(), TextUnits.sentences(texts.get(d))));
            }
            long split = System.nanoTime();
            long cpuSplit = cpuMs();
            List<Figure> figures = RoundAgreement.compute(UnitOfAnalysis.SENTENCE, coders, codes, sentenceTexts,
                    codings);
            long end = System.nanoTime();
            long cpuEnd = cpuMs();
            System.out.printf("run %d SENTENCE: %,d sentences, splitting %d ms wall (%d CPU) + agreement %d ms wall "
                    + "(%d CPU) (overall α %.3f)%n", run, figures.getFirst().units() / CODES, (split - start) / 1_000_000,
                    cpuSplit - cpu, (end - split) / 1_000_000, cpuEnd - cpuSplit, figures.getFirst().alpha());
        }
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            long cpu = cpuMs();
            long regions = 0;
            List<List<List<Segment>>> perDocumentAndCode = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS * CODES; i++) {
                List<List<Segment>> coderLists = new ArrayList<>();
                for (int c = 0; c < CODERS; c++) {
                    coderLists.add(new ArrayList<>());
                }
                perDocumentAndCode.add(coderLists);
            }
            for (Coded c : codings) {
                perDocumentAndCode.get((int) (c.documentId() * CODES + c.codeId())).get(c.coder())
                        .add(new Segment(c.start(), c.end()));
            }
            for (List<List<Segment>> coderLists : perDocumentAndCode) {
                regions += Disagreements.find(coderLists).size();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run %d disagreements: %,d regions in %d ms wall, %d ms CPU%n", run, regions, ms,
                    cpuMs() - cpu);
        }
    }
}
