package app.margin.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Random codings checked cell by cell against an O(n²) count written straight from the definitions. */
class CooccurrencePropertyTest {
    static final int SEEDS = 500;

    /** Every unordered pair of distinct segments of one layer, from the definitions in {@link CodeMatrix} and {@link Cooccurrence}. */
    static CodeMatrix bruteForce(List<Segment> all, List<Long> codeIds, CooccurrenceMode mode, int distance) {
        int k = codeIds.size();
        List<Segment> segments = all.stream().filter(s -> codeIds.contains(s.codeId())).toList();
        BiPredicate<Segment, Segment> together = switch (mode) {
            case OVERLAP -> (a, b) -> a.start() < b.end() && b.start() < a.end();
            case UNIT -> (a, b) -> a.firstUnit() <= b.lastUnit() && b.firstUnit() <= a.lastUnit();
            case PROXIMITY -> (a, b) -> {
                int between = Math.max(0, Math.max(b.startWord() - a.endWord(), a.startWord() - b.endWord()));
                return between <= distance;
            };
        };
        long[][] pairs = new long[k][k];
        List<List<Set<Long>>> documents = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Set<Long>> row = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                row.add(new HashSet<>());
            }
            documents.add(row);
        }
        for (int x = 0; x < segments.size(); x++) {
            Segment a = segments.get(x);
            int i = codeIds.indexOf(a.codeId());
            pairs[i][i]++;
            documents.get(i).get(i).add(a.documentId());
            for (int y = x + 1; y < segments.size(); y++) {
                Segment b = segments.get(y);
                int j = codeIds.indexOf(b.codeId());
                if (i != j && a.documentId() == b.documentId() && a.layer() == b.layer() && together.test(a, b)) {
                    pairs[i][j]++;
                    pairs[j][i]++;
                    documents.get(i).get(j).add(a.documentId());
                    documents.get(j).get(i).add(a.documentId());
                }
            }
        }
        long[][] documentCounts = new long[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                documentCounts[i][j] = documents.get(i).get(j).size();
            }
        }
        return new CodeMatrix(codeIds, pairs, documentCounts);
    }

    /**
     * Small ranges so that ties, touching and nested segments, empty ranges, multi-unit segments, exact duplicates,
     * unlisted codes and interleaved documents are all common.
     */
    static List<Segment> randomSegments(Random random, List<Long> documentIds, List<Long> codePool, int count) {
        return randomSegments(random, documentIds, codePool, count, 0);
    }

    /** With offset, every position is shifted by it (large offsets take the sort paths meant for huge indexes). */
    static List<Segment> randomSegments(Random random, List<Long> documentIds, List<Long> codePool, int count,
            int offset) {
        List<Segment> segments = new ArrayList<>();
        int span = 5 + random.nextInt(40);
        // one layer, or up to three coders' and the master layer (-1), interleaved as an index returns them
        long[] layers = random.nextInt(3) == 0 ? new long[] {0} : new long[] {-1, 3, 17, 1L << 40};
        for (int n = 0; n < count; n++) {
            if (!segments.isEmpty() && random.nextInt(10) == 0) {
                Segment copy = segments.get(random.nextInt(segments.size()));
                long code = random.nextBoolean() ? copy.codeId() : codePool.get(random.nextInt(codePool.size()));
                // the same passage, in the same layer or another coder's
                long layer = random.nextBoolean() ? copy.layer() : layers[random.nextInt(layers.length)];
                segments.add(new Segment(copy.documentId(), code, copy.start(), copy.end(), copy.startWord(),
                        copy.endWord(), copy.firstUnit(), copy.lastUnit(), layer));
                continue;
            }
            long document = documentIds.get(random.nextInt(documentIds.size()));
            long code = codePool.get(random.nextInt(codePool.size()));
            int start = random.nextInt(span);
            int end = start + (random.nextInt(8) == 0 ? 0 : random.nextInt(12));
            int startWord = random.nextInt(span / 2 + 1);
            int endWord = startWord + (random.nextInt(8) == 0 ? 0 : random.nextInt(6));
            int firstUnit = random.nextInt(span / 6 + 1);
            int lastUnit = firstUnit + (random.nextInt(3) == 0 ? random.nextInt(3) : 0);
            segments.add(new Segment(document, code, offset + start, offset + end, offset + startWord,
                    offset + endWord, offset + firstUnit, offset + lastUnit, layers[random.nextInt(layers.length)]));
        }
        return segments;
    }

    @Test
    void everyCellOfEveryModeMatchesTheBruteForceCount() {
        int compared = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            List<Long> documentIds = new ArrayList<>();
            int documents = 1 + random.nextInt(5);
            for (int d = 0; d < documents; d++) {
                documentIds.add(random.nextLong(-1_000, 1_000_000));
            }
            List<Long> codePool = new ArrayList<>();
            int codes = 1 + random.nextInt(7);
            for (int c = 0; c < codes; c++) {
                codePool.add(random.nextLong(1, 10_000));
            }
            codePool = codePool.stream().distinct().toList();
            List<Long> codeIds = new ArrayList<>(codePool);
            Collections.shuffle(codeIds, random);
            if (codeIds.size() > 1 && random.nextBoolean()) {
                codeIds.removeLast(); // segments of an unlisted code must be ignored
            }
            int count = seed % 50 == 0 ? 300 + random.nextInt(300) : random.nextInt(45);
            int offset = seed % 5 == 0 ? (1 << 30) + random.nextInt(1 << 20) : 0;
            List<Segment> segments = randomSegments(random, documentIds, codePool, count, offset);
            for (CooccurrenceMode mode : CooccurrenceMode.values()) {
                int distance = random.nextInt(6);
                CodeMatrix expected = bruteForce(segments, codeIds, mode, distance);
                CodeMatrix actual = Cooccurrence.compute(segments, codeIds, mode, distance);
                String where = "seed " + seed + ", " + mode + ", distance " + distance + ", offset " + offset;
                assertEquals(codeIds, actual.codeIds(), where);
                for (int i = 0; i < codeIds.size(); i++) {
                    assertArrayEquals(expected.segments()[i], actual.segments()[i], where + ", segments row " + i);
                    assertArrayEquals(expected.documents()[i], actual.documents()[i], where + ", documents row " + i);
                }
                compared++;
            }
        }
        assertEquals(SEEDS * CooccurrenceMode.values().length, compared);
    }

    @Test
    void theListedPairsOfACellAreAsManyAsItCountsAndEachLiesInOneDocumentAndLayer() {
        int compared = 0;
        for (int seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            List<Long> codeIds = List.of(1L, 2L, 3L);
            List<Segment> segments = randomSegments(random, List.of(10L, 20L, 30L), List.of(1L, 2L, 3L, 4L), random.nextInt(60));
            for (CooccurrenceMode mode : CooccurrenceMode.values()) {
                int distance = random.nextInt(6);
                CodeMatrix matrix = Cooccurrence.compute(segments, codeIds, mode, distance);
                for (int i = 0; i < codeIds.size(); i++) {
                    for (int j = 0; j < codeIds.size(); j++) {
                        if (i == j) {
                            continue;
                        }
                        List<Cooccurrence.Pair> pairs = Cooccurrence.pairs(segments, codeIds.get(i), codeIds.get(j), mode, distance);
                        String where = "seed " + seed + ", " + mode + ", cell " + i + "," + j;
                        assertEquals(matrix.segments()[i][j], pairs.size(), where);
                        assertEquals(matrix.documents()[i][j],
                                pairs.stream().map(p -> segments.get(p.first()).documentId()).distinct().count(), where);
                        for (Cooccurrence.Pair p : pairs) {
                            Segment a = segments.get(p.first());
                            Segment b = segments.get(p.second());
                            assertEquals(codeIds.get(i), a.codeId(), where);
                            assertEquals(codeIds.get(j), b.codeId(), where);
                            assertEquals(a.documentId(), b.documentId(), where);
                            assertEquals(a.layer(), b.layer(), where);
                        }
                        compared++;
                    }
                }
            }
        }
        assertEquals(300 * 3 * 6, compared);
    }

    @Test
    void theInputOrderDoesNotMatter() {
        for (int seed = 1; seed <= 100; seed++) {
            Random random = new Random(seed);
            List<Long> codeIds = List.of(1L, 2L, 3L, 4L);
            List<Segment> segments = randomSegments(random, List.of(10L, 20L, 30L), codeIds, 60);
            List<Segment> shuffled = new ArrayList<>(segments);
            Collections.shuffle(shuffled, random);
            for (CooccurrenceMode mode : CooccurrenceMode.values()) {
                CodeMatrix a = Cooccurrence.compute(segments, codeIds, mode, 2);
                CodeMatrix b = Cooccurrence.compute(shuffled, codeIds, mode, 2);
                for (int i = 0; i < codeIds.size(); i++) {
                    assertArrayEquals(a.segments()[i], b.segments()[i], "seed " + seed + " " + mode);
                    assertArrayEquals(a.documents()[i], b.documents()[i], "seed " + seed + " " + mode);
                }
            }
        }
    }

    @Test
    void attributeAndDocumentMatricesMatchTheirDefinitions() {
        for (int seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<Long> documentIds = List.of(1L, 2L, 3L, 4L, 5L);
            List<Long> codeIds = List.of(7L, 8L, 9L);
            List<Segment> segments = randomSegments(random, documentIds, List.of(7L, 8L, 9L, 99L), random.nextInt(40));
            String[] pool = {"women", "men", "Women ", null, ""};
            Map<Long, String> values = new java.util.HashMap<>();
            for (long d : documentIds) {
                if (random.nextInt(4) > 0) {
                    values.put(d, pool[random.nextInt(pool.length)]);
                }
            }
            AttributeMatrix attributes = AttributeMatrix.compute(segments, codeIds, values);
            DocumentMatrix byDocument = DocumentMatrix.compute(segments, codeIds, documentIds);
            for (int i = 0; i < codeIds.size(); i++) {
                long code = codeIds.get(i);
                for (int v = 0; v < attributes.values().size(); v++) {
                    String value = attributes.values().get(v);
                    List<Segment> cell = segments.stream().filter(s -> s.codeId() == code
                            && valueOf(values, s.documentId()).equals(value)).toList();
                    assertEquals(cell.size(), attributes.segments()[i][v], "seed " + seed);
                    assertEquals(cell.stream().map(Segment::documentId).distinct().count(),
                            attributes.documents()[i][v], "seed " + seed);
                }
                for (int d = 0; d < documentIds.size(); d++) {
                    long document = documentIds.get(d);
                    assertEquals(segments.stream().filter(s -> s.codeId() == code && s.documentId() == document)
                            .count(), byDocument.segments()[i][d], "seed " + seed);
                }
            }
        }
    }

    private static String valueOf(Map<Long, String> values, long document) {
        String value = values.get(document);
        return value == null || value.isBlank() ? AttributeMatrix.NO_VALUE : value.strip();
    }
}
