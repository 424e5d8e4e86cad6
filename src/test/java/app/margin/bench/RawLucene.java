package app.margin.bench;

import app.margin.search.BenchmarkAnalyzers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;

/**
 * The benchmark's baseline: the same corpus indexed with plain Lucene and Margin's analyzers, no database and no
 * service in between, one Lucene document per speaker turn, written by two threads; and the same queries answered as
 * a page of 20 KWIC lines with the exact total. What Margin's figures are compared with (issue 14: import + index
 * at ≥ 60 % of this rate, search p99 ≤ 2× this p99).
 *
 * <p>Each turn also carries its document's attributes and the codes of the codings that overlap it, so the
 * benchmark's code and attribute filters mean the same here (a turn touched by a code rather than the code's
 * segments: close enough for a baseline, and a few string fields more per document than a text-only index).
 * Queries are read by Lucene's classic query parser, whose syntax the benchmark's queries share with Margin's.
 */
final class RawLucene implements AutoCloseable {
    static final int THREADS = 2;
    /** Margin's index writers buffer 64 MB; the baseline gets the same. */
    static final double RAM_BUFFER_MB = 64;
    static final int KWIC_CONTEXT = 60;

    /** A generated coding: document index, UTF-16 offsets, the code's name, the coder's number. */
    record GeneratedCoding(int document, int start, int end, String code, int coder) {
    }

    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final ExecutorService searchThreads;
    private final IndexSearcher searcher;
    final double indexSeconds;

    private RawLucene(FSDirectory directory, DirectoryReader reader, double indexSeconds) {
        this.directory = directory;
        this.reader = reader;
        this.indexSeconds = indexSeconds;
        this.searchThreads = Executors.newFixedThreadPool(THREADS);
        this.searcher = new IndexSearcher(reader, searchThreads);
    }

    /**
     * Indexes the transcripts into a fresh directory and opens a reader on them; the time is from the first document
     * to an open reader (searchable), as Margin's is from the first upload to the first answered search.
     */
    static RawLucene index(Path dir, List<String> texts, List<Map<String, String>> attributes,
            List<GeneratedCoding> codings) throws Exception {
        List<List<Set<String>>> codesByTurn = codesByTurn(texts, codings);
        app.margin.support.Folders.delete(dir);
        FSDirectory directory = FSDirectory.open(dir);
        long started = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(BenchmarkAnalyzers.forIndex()).setRAMBufferSizeMB(RAM_BUFFER_MB);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                done.add(threads.submit(() -> {
                    for (int d = first; d < texts.size(); d += THREADS) {
                        addTurns(writer, d, texts.get(d), attributes.get(d), codesByTurn.get(d));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            writer.commit();
        }
        DirectoryReader reader = DirectoryReader.open(directory);
        return new RawLucene(directory, reader, (System.nanoTime() - started) / 1e9);
    }

    /** One page of 20 KWIC lines for a query; returns the exact number of matching turns. */
    int search(String q) throws Exception {
        QueryParser parser = new QueryParser(BenchmarkAnalyzers.TEXT, BenchmarkAnalyzers.forQuery());
        parser.setDefaultOperator(QueryParser.Operator.AND);
        Query query = searcher.rewrite(parser.parse(q));
        TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(20, Integer.MAX_VALUE));
        Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1);
        List<LeafReaderContext> leaves = reader.leaves();
        var stored = searcher.storedFields();
        for (ScoreDoc hit : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            Matches matches = weight.matches(leaf, hit.doc - leaf.docBase);
            MatchesIterator match = matches == null ? null : matches.getMatches(BenchmarkAnalyzers.TEXT);
            if (match != null && match.next()) {
                String text = stored.document(hit.doc).get(BenchmarkAnalyzers.TEXT);
                kwic(text, match.startOffset(), match.endOffset());
            }
        }
        return Math.toIntExact(top.totalHits.value());
    }

    /** The line a KWIC view shows: the hit with some context either side. */
    static String kwic(String text, int start, int end) {
        return text.substring(Math.max(0, start - KWIC_CONTEXT), Math.min(text.length(), end + KWIC_CONTEXT));
    }

    @Override
    public void close() throws IOException {
        searchThreads.shutdown();
        reader.close();
        directory.close();
    }

    private static final FieldType WORDS = new FieldType();

    static {
        // As Margin's text field: positions for phrases, offsets for KWIC, stored for the line around a hit.
        WORDS.setTokenized(true);
        WORDS.setStored(true);
        WORDS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WORDS.freeze();
    }

    private static void addTurns(IndexWriter writer, int documentIndex, String text, Map<String, String> attributes,
            List<Set<String>> codes) throws IOException {
        List<int[]> turns = turns(text);
        for (int i = 0; i < turns.size(); i++) {
            int[] span = turns.get(i);
            String turn = text.substring(span[0], span[1]);
            Document d = new Document();
            d.add(new StringField("doc", Integer.toString(documentIndex), Field.Store.YES));
            d.add(new StoredField("start", span[0]));
            int colon = turn.indexOf(": ");
            if (colon > 0 && colon < 40) {
                d.add(new StringField("speaker", turn.substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                        Field.Store.YES));
            }
            attributes.forEach((name, value) -> d.add(new StringField("attr." + name, value, Field.Store.NO)));
            codes.get(i).forEach(code -> d.add(new StringField("code", code, Field.Store.NO)));
            d.add(new Field(BenchmarkAnalyzers.TEXT, turn, WORDS));
            writer.addDocument(d);
        }
    }

    /** Speaker turns (and the header paragraph): the blocks between blank lines, as [start, end) offsets. */
    static List<int[]> turns(String text) {
        List<int[]> turns = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf("\n\n", from);
            end = end < 0 ? text.length() : end;
            if (end > from) {
                turns.add(new int[] {from, end});
            }
            from = end + 2;
        }
        return turns;
    }

    private static List<List<Set<String>>> codesByTurn(List<String> texts, List<GeneratedCoding> codings) {
        List<List<Set<String>>> byDocument = new ArrayList<>();
        List<int[]> starts = new ArrayList<>();
        for (String text : texts) {
            List<int[]> turns = turns(text);
            List<Set<String>> sets = new ArrayList<>();
            turns.forEach(t -> sets.add(new TreeSet<>()));
            byDocument.add(sets);
            starts.add(turns.stream().mapToInt(t -> t[0]).toArray());
        }
        for (GeneratedCoding c : codings) {
            int[] s = starts.get(c.document());
            int first = Math.max(0, insertionPoint(s, c.start()));
            int last = Math.max(0, insertionPoint(s, c.end() - 1));
            for (int t = first; t <= last; t++) {
                byDocument.get(c.document()).get(t).add(c.code());
            }
        }
        return byDocument;
    }

    /** The index of the last turn starting at or before {@code offset}. */
    private static int insertionPoint(int[] starts, int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    static long bytes(List<String> texts) {
        return texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    }
}
