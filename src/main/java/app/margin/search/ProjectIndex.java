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
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * One project's index: a writer, near-real-time searchers, and the audit sequence number of the last change applied.
 * Only the indexer thread writes and closes it; searches lease it for each read ({@link #read}), and an index the
 * indexer retires (idle, rebuilt, dropped) closes its readers only once the last search reading it is done. A search
 * that reaches a retired index reads its successor instead.
 * Applied changes ({@link #written}) become searchable when the indexer refreshes the searchers ({@link #refresh}:
 * at once for a search waiting for them, otherwise at most every few hundred milliseconds) and durable now and then
 * ({@link #commit}), each commit keeping the sequence number it reflects in its user data, so a restarted Margin
 * knows how far the index is behind the database and replays the rest. (Committing after every change fsynced several files each time: under
 * fifty coders those commits, 20–150 ms each, were most of what searches waited for.)
 */
final class ProjectIndex implements Closeable {
    static final String APPLIED_SEQ = "margin.applied-seq";
    static final String APPLIED_HASH = "margin.applied-hash";
    /** The shape of the Lucene documents; an index of another shape is rebuilt (2: units and segments have keys). */
    static final String FORMAT = "margin.index-format";
    static final String CURRENT_FORMAT = "2";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Executor searchThreads;
    /** What searches see; set only after the searchers were refreshed, so a search never sees less than this. */
    private volatile long appliedSeq;
    private volatile String appliedHash;
    /**
     * What the writer holds, published or not (touched by the indexer thread only): the indexer applies changes
     * after every gathered pass but refreshes the searchers only when a search needs it or now and then
     * ({@link #refresh}), since each refresh makes a new small segment.
     */
    private long writtenSeq;
    private String writtenHash;
    /** When the searchers were last refreshed (indexer thread only). */
    private long publishedNanos;
    /** Whether the applied change was checked against this database's chain since the index was opened. */
    private volatile boolean verified;
    /** Changes published but not yet committed (touched by the indexer thread only). */
    private boolean uncommitted;
    /** When a search or a change last used the index: the indexer closes idle ones ({@code margin.index-idle-close}). */
    private volatile long lastUsedNanos = System.nanoTime();
    /** Searches reading now; guarded by {@code this}. */
    private int leases;
    /** Retired: no new search may lease it; its readers close when {@link #leases} drops to 0. Guarded by this. */
    private boolean retired;
    private boolean readersClosed;
    private Runnable afterClose;
    /** Where a search goes when it reaches this index after it was retired: the project's current index. */
    private final java.util.function.LongFunction<ProjectIndex> successor;

    /**
     * @param searchThreads runs a search's slices of index segments in parallel (Lucene's caller runs some too)
     * @param successor the project's index holding at least the given change: where a search goes that reaches
     *         this index after it was retired
     */
    ProjectIndex(Path path, Analyzer analyzer, Executor searchThreads,
            java.util.function.LongFunction<ProjectIndex> successor) {
        this.successor = successor;
        Directory opened = null;
        IndexWriter opening = null;
        try {
            // Small new segments stay in memory until a commit or merge writes them: publishing after every few
            // changes then costs no file writes.
            opened = new NRTCachingDirectory(FSDirectory.open(path), 8, 64);
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
        this.searchThreads = searchThreads;
        String seq = commitData(APPLIED_SEQ);
        // An index written in another format counts as empty: the first pass rebuilds it.
        appliedSeq = seq == null || !CURRENT_FORMAT.equals(commitData(FORMAT)) ? 0 : Long.parseLong(seq);
        String hash = commitData(APPLIED_HASH);
        appliedHash = hash == null || hash.isEmpty() ? null : hash;
        writtenSeq = appliedSeq;
        writtenHash = appliedHash;
        publishedNanos = System.nanoTime() - Long.MAX_VALUE / 4; // long ago: the first pass publishes at once
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
    void discard(Runnable then) {
        IOUtils.closeWhileHandlingException(writer::rollback);
        retire(then);
    }

    /** Commits what was published and closes the writer (releasing the directory's lock); searches go on reading. */
    void closeWriter() throws IOException {
        if (writer.isOpen()) {
            commit();
            writer.close();
        }
    }

    /**
     * No new search may read this index; its readers close (and then {@code then} runs, e.g. deleting the files) once
     * the searches reading it now are done. The writer must be closed already.
     */
    void retire(Runnable then) {
        boolean closeNow;
        synchronized (this) {
            retired = true;
            afterClose = then;
            closeNow = leases == 0 && !readersClosed;
            readersClosed |= closeNow;
        }
        if (closeNow) {
            closeReaders();
        }
    }

    boolean retired() {
        synchronized (this) {
            return retired;
        }
    }

    private synchronized boolean lease() {
        if (retired) {
            return false;
        }
        leases++;
        return true;
    }

    private void endLease() {
        boolean closeNow;
        synchronized (this) {
            leases--;
            closeNow = retired && leases == 0 && !readersClosed;
            readersClosed |= closeNow;
        }
        if (closeNow) {
            closeReaders();
        }
    }

    private void closeReaders() {
        IOUtils.closeWhileHandlingException(searchers, directory);
        if (afterClose != null) {
            afterClose.run();
        }
    }

    /** How long since a search or a change last used the index. */
    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** The audit sequence number searches see; 0 for a new (or deleted and recreated) index. */
    long appliedSeq() {
        return appliedSeq;
    }

    /** The audit chain hash of that change: tells this database's history from another's (a reset database). */
    String appliedHash() {
        return appliedHash;
    }

    boolean verified() {
        return verified;
    }

    /** The applied change is part of this database's chain (checked by the indexer). */
    void markVerified() {
        verified = true;
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

    /**
     * Indexes single codings of a document again: the segments of {@code codingIds} (gone ones are deleted) and
     * every unit overlapping one of {@code ranges}, whose code fields list the segments overlapping it.
     *
     * @param doc the document with all its current segments
     */
    void edit(IndexedDocument doc, IndexDocuments.Layout layout, java.util.Set<Long> codingIds,
            java.util.List<TextLayout.Span> ranges) throws IOException {
        java.util.Map<Long, IndexedDocument.Segment> current = new java.util.HashMap<>();
        doc.segments().forEach(s -> current.put(s.codingId(), s));
        for (long codingId : codingIds) {
            Term key = new Term(IndexFields.CODING_KEY, Long.toString(codingId));
            IndexedDocument.Segment segment = current.get(codingId);
            if (segment == null) {
                writer.deleteDocuments(key);
            } else {
                writer.updateDocument(key, IndexDocuments.segment(doc, layout, segment));
            }
        }
        for (IndexedDocument.Unit unit : layout.units()) {
            if (ranges.stream().anyMatch(r -> r.start() < unit.end() && r.end() > unit.start())) {
                writer.updateDocument(new Term(IndexFields.UNIT_KEY, IndexFields.unitKey(doc.id(), unit.start())),
                        IndexDocuments.unit(doc, unit));
            }
        }
    }

    void delete(long documentId) throws IOException {
        writer.deleteDocuments(new Term(IndexFields.DOC, Long.toString(documentId)));
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
    }

    /** Makes the changes applied so far visible to searches, as the index state of change {@code seq}. */
    void publish(long seq, String hash) throws IOException {
        written(seq, hash);
        refresh();
    }

    /**
     * The writer holds every change up to {@code seq} (checked against this database's chain by the indexer); searches
     * see them after the next {@link #refresh}.
     */
    void written(long seq, String hash) {
        writtenSeq = seq;
        writtenHash = hash;
        verified = true;
        uncommitted = true;
        lastUsedNanos = System.nanoTime();
    }

    /** The last change the writer holds, published or not (the indexer goes on from here). */
    long writtenSeq() {
        return writtenSeq;
    }

    String writtenHash() {
        return writtenHash;
    }

    /** Whether the writer holds changes searches do not see yet. */
    boolean unpublished() {
        return writtenSeq != appliedSeq || !java.util.Objects.equals(writtenHash, appliedHash);
    }

    /** How long ago the searchers were last refreshed. */
    long sincePublishedNanos() {
        return System.nanoTime() - publishedNanos;
    }

    /** Makes what the writer holds visible to searches (a new small segment); the indexer thread only. */
    void refresh() {
        long seq = writtenSeq;
        String hash = writtenHash;
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not refresh the search index", e);
        }
        publishedNanos = System.nanoTime();
        appliedHash = hash;
        appliedSeq = seq;
    }

    /** Makes the published changes durable together with the sequence number they bring the index up to. */
    boolean commit() throws IOException {
        if (!uncommitted) {
            return false;
        }
        // a commit holds everything the writer has, published or not
        writer.setLiveCommitData(Map.of(APPLIED_SEQ, Long.toString(writtenSeq),
                APPLIED_HASH, writtenHash == null ? "" : writtenHash, FORMAT, CURRENT_FORMAT).entrySet());
        writer.commit();
        uncommitted = false;
        return true;
    }

    /**
     * Runs a search on the current index state under a time budget and always releases the searcher. The searcher
     * handed to {@code work} is made for this search alone, over a reader that stops enumerating terms (fuzzy and
     * wildcard expansion) once the budget is spent, with Lucene's own timeout on collecting hits; running out is a
     * 400 (see {@link SearchBudget}), never a partial answer.
     */
    <T> T read(SearchBudget budget, Function<IndexSearcher, T> work) {
        if (!lease()) {
            // closed meanwhile (idle, rebuilt): the project's index now, once it holds what this one showed
            ProjectIndex current = successor.apply(appliedSeq);
            if (current == this) {
                throw closing(); // shutting down
            }
            return current.read(budget, work);
        }
        try {
            lastUsedNanos = System.nanoTime();
            return readLeased(budget, work);
        } finally {
            endLease();
        }
    }

    private <T> T readLeased(SearchBudget budget, Function<IndexSearcher, T> work) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (AlreadyClosedException e) {
            // discarded by a failed update on another thread between catching up and this read
            throw closing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            IndexSearcher limited = new IndexSearcher(
                    ExitableDirectoryReader.wrap((DirectoryReader) searcher.getIndexReader(), budget), searchThreads);
            limited.setTimeout(budget);
            T result = work.apply(limited);
            SearchBudget.check(limited);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (SearchBudget.isTimeout(e)) {
                throw budget.exceeded();
            }
            throw e;
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static ProblemException closing() {
        return new ProblemException(503, "Search unavailable", "Margin is reopening this project's search index "
                + "after a failed write. Try the search again in a moment; your codings are saved.").retryAfter(1);
    }

    /** Commits what was published, closes the writer, and the readers once no search reads them. */
    @Override
    public void close() throws IOException {
        closeWriter();
        retire(null);
    }
}
