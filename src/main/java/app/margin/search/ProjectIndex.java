package app.margin.search;

import app.margin.problem.ProblemException;
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
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

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
        FSDirectory opened = null;
        IndexWriter opening = null;
        try {
            opened = FSDirectory.open(path);
            opening = new IndexWriter(opened, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(opening, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return new IndexSearcher(reader, searchThreads);
                }
            });
        } catch (IOException e) {
            // a read-only or full disk fails here: release what was opened, so the next attempt can take the lock
            IOUtils.closeWhileHandlingException(opening, opened);
            throw new UncheckedIOException("Cannot open the search index at " + path, e);
        }
        directory = opened;
        writer = opening;
    }

    /** False once the writer is gone: discarded after a failed write, or closed by Lucene after a failed merge. */
    boolean isOpen() {
        return writer.isOpen();
    }

    /**
     * Forgets every change since the last commit and closes. A failed write (a full or read-only disk) leaves the
     * writer unusable or with half-applied changes; reopening from the last commit and replaying from the database is
     * the one state known to be right.
     */
    void discard() {
        IOUtils.closeWhileHandlingException(writer::rollback, searchers, directory);
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
        } catch (AlreadyClosedException e) {
            // discarded by a failed update on another thread between catching up and this read
            throw new ProblemException(503, "Search unavailable", "Margin is reopening this project's search index "
                    + "after a failed write. Try the search again in a moment; your codings are saved.").retryAfter(1);
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
