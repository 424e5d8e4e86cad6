package app.margin.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * One project's index: a writer, near-real-time searchers, and the audit sequence number of the last change applied,
 * kept in the commit's user data so a restarted Margin knows how far the index is behind the database.
 */
final class ProjectIndex implements Closeable {
    static final String APPLIED_SEQ = "margin.applied-seq";
    static final String APPLIED_HASH = "margin.applied-hash";

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** @param searchThreads runs a search's slices of index segments in parallel (Lucene's caller runs some too) */
    ProjectIndex(Path path, Analyzer analyzer, Executor searchThreads) {
        try {
            directory = FSDirectory.open(path);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return new IndexSearcher(reader, searchThreads);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + path, e);
        }
    }

    /** The audit sequence number the index reflects; 0 for a new (or deleted and recreated) index. */
    long appliedSeq() {
        String seq = commitData(APPLIED_SEQ);
        return seq == null ? 0 : Long.parseLong(seq);
    }

    /** The audit chain hash of that change: tells this database's history from another's (a reset database). */
    String appliedHash() {
        return commitData(APPLIED_HASH);
    }

    private String commitData(String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (key.equals(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    void replace(IndexedDocument doc) throws IOException {
        writer.updateDocuments(new Term(IndexFields.DOC, Long.toString(doc.id())), IndexDocuments.of(doc));
    }

    void delete(long documentId) throws IOException {
        writer.deleteDocuments(new Term(IndexFields.DOC, Long.toString(documentId)));
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
    }

    /** Makes the changes durable together with the sequence number they bring the index up to, and visible. */
    void commit(long appliedSeq, String appliedHash) throws IOException {
        writer.setLiveCommitData(Map.of(APPLIED_SEQ, Long.toString(appliedSeq),
                APPLIED_HASH, appliedHash == null ? "" : appliedHash).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Runs a read on a current searcher and always releases it. */
    <T> T read(Function<IndexSearcher, T> work) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return work.apply(searcher);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
