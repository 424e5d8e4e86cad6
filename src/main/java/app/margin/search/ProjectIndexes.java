package app.margin.search;

import app.margin.audit.ProjectChanged;
import app.margin.config.MarginConfig;
import app.margin.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The per-project indexes under {@code <data-dir>/index/}. The database is the truth; one indexer thread brings an
 * index up to date after every committed change and before a search that finds its index behind, so a search always
 * sees the caller's own last change. A missing or lagging index is rebuilt from the database, so deleting the
 * directory loses nothing.
 *
 * <p>Only the indexer thread writes to an index. Changes announced while the indexer is busy are applied together in
 * its next pass, and searches that need that pass wait for it instead of indexing themselves: under fifty coders,
 * searches that applied changes (and committed them) while holding the index's lock made one another wait seconds
 * (p50 2 s). A pass indexes a document whole only after a change to the document itself; a single coding's change
 * re-indexes its segment and the passages around it. Passes make their changes searchable at once and durable every
 * few seconds ({@link ProjectIndex#publish}, {@link ProjectIndex#commit}).
 *
 * <p>An index that cannot be written (a full or read-only disk) is rolled back to its last commit; searches answer
 * 503 saying why ({@link IndexTrouble}, which logs it once), and the index is tried again after
 * {@code margin.index-retry-delay}, catching up from the database by itself.
 */
@ApplicationScoped
public class ProjectIndexes {
    /** How long published changes may stay uncommitted (they are replayed from the audit chain after a crash). */
    static final long COMMIT_DELAY_SECONDS = 5;
    /** How long a pass for changes alone waits for more changes to apply with them. */
    static final long GATHER_MILLIS = 100;
    /** A search waits this long for its index to catch up (a rebuild of a large project takes tens of seconds). */
    static final long MAX_WAIT_SECONDS = 300;

    private final IndexSource source;
    private final Path root;
    private final IndexTrouble trouble;
    private final Analyzer analyzer = TextAnalyzers.forIndex();
    private final Map<Long, ProjectIndex> open = new ConcurrentHashMap<>();
    /** Per project, the next pass not yet started: changes and searches arriving meanwhile join it. */
    private final Map<Long, CompletableFuture<Void>> nextPass = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor indexer = new ScheduledThreadPoolExecutor(1, daemonThreads("margin-indexer"));
    private final AtomicBoolean commitScheduled = new AtomicBoolean();
    /** Documents (without their codings) and layouts the indexer used last: a single coding needs no text read. */
    private final Layouts layouts = new Layouts(64);
    /** Searches large enough to span several index segments use every core: one researcher's query finishes sooner. */
    private final ExecutorService searchThreads = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemonThreads("margin-search"));

    ProjectIndexes(IndexSource source, MarginConfig config) {
        this.source = source;
        this.root = Path.of(config.dataDir()).resolve("index");
        this.trouble = new IndexTrouble(root, config.indexRetryDelay());
        indexer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** On start, bring every project's index up to date in the background (rebuilding missing or foreign ones). */
    void onStart(@Observes StartupEvent start) {
        try {
            indexer.execute(() -> source.projectIds().forEach(id -> requestPass(id, false)));
        } catch (RejectedExecutionException stopping) {
            // shutting down already
        }
    }

    /** After a change commits, index it soon, off the request thread. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectChanged change) {
        if (!trouble.waiting(change.projectId())) {
            requestPass(change.projectId(), false);
        }
    }

    /**
     * Asks for a pass over each project whose chain head moved ({@code moved}: its new head) unless its index already
     * applied exactly that change, and over each project that is gone (its index is dropped): changes committed
     * through another instance on the same database, which announced them in its own JVM only, are applied by the
     * same pass as local ones. A head is "moved" also when its index is ahead of it (a database restored under a
     * running instance): the pass finds the chain differs and rebuilds. A project already waiting for its pass, or
     * left alone after a write failure, is not asked again.
     */
    void follow(Map<Long, Long> moved, java.util.Set<Long> gone) {
        moved.forEach((projectId, seq) -> {
            ProjectIndex index = open.get(projectId);
            if ((index == null || index.appliedSeq() != seq) && !trouble.waiting(projectId)
                    && !nextPass.containsKey(projectId)) {
                requestPass(projectId, false);
            }
        });
        gone.stream().filter(open::containsKey).forEach(projectId -> requestPass(projectId, false));
    }

    /** The last change of the project that this instance's index applied; -1 while it has not opened the index. */
    long appliedSeq(long projectId) {
        ProjectIndex index = open.get(projectId);
        return index == null ? -1 : index.appliedSeq();
    }

    /**
     * The project's index with every change committed before this call applied. An index that cannot be written
     * answers 503 saying so, and is tried again after {@code margin.index-retry-delay}.
     */
    ProjectIndex upToDate(long projectId) {
        trouble.check(projectId);
        ProjectIndex index = open(projectId);
        if (index.verified() && index.appliedSeq() >= source.latestSeq(projectId)) {
            return index;
        }
        await(requestPass(projectId, true), projectId);
        return open(projectId);
    }

    /** Throws the index away and builds it again from the database. */
    long rebuild(long projectId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(projectId, done, () -> writing(projectId, index -> apply(projectId, index, source.everything(projectId))));
        await(done, projectId);
        return source.documentIds(projectId).size();
    }

    /**
     * A pass of the indexer over the project that starts after this call, so it sees every change committed before
     * it. Passes asked for and not yet started are shared. A pass for changes alone waits {@link #GATHER_MILLIS} for
     * more of them (under fifty coders, refreshing the searchers after every change or two was half the indexer's
     * work); a search waiting for it starts it at once.
     */
    private CompletableFuture<Void> requestPass(long projectId, boolean searchWaits) {
        CompletableFuture<Void> created = new CompletableFuture<>();
        CompletableFuture<Void> pass = nextPass.computeIfAbsent(projectId, id -> created);
        if (pass == created || searchWaits) {
            schedule(projectId, pass, searchWaits ? 0 : GATHER_MILLIS, () -> {
                if (!nextPass.remove(projectId, pass)) {
                    return false; // started already, sooner
                }
                catchUp(projectId);
                return true;
            });
        }
        return pass;
    }

    private void submit(long projectId, CompletableFuture<Void> done, Runnable work) {
        schedule(projectId, done, 0, () -> {
            work.run();
            return true;
        });
    }

    /** Runs work on the indexer thread; {@code done} completes when it did (work answering false leaves it). */
    private void schedule(long projectId, CompletableFuture<Void> done, long delayMillis,
            java.util.function.BooleanSupplier work) {
        try {
            indexer.schedule(() -> {
                try {
                    if (work.getAsBoolean()) {
                        done.complete(null);
                    }
                } catch (ProblemException alreadyLogged) {
                    done.completeExceptionally(alreadyLogged); // a full or read-only disk: IndexTrouble said so once
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                    Log.warnf(e, "Updating the search index of project %d failed; the next change or search will retry",
                            projectId);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            done.completeExceptionally(stopping);
        }
    }

    /** On the indexer thread: applies what changed since the index's last applied change. */
    private void catchUp(long projectId) {
        if (!source.projectExists(projectId)) {
            dropNow(projectId);
            return;
        }
        writing(projectId, index -> {
            IndexSource.Changes changes = source.changesAfter(projectId, index.appliedSeq(), index.appliedHash());
            if (changes.any(index.appliedSeq())) {
                apply(projectId, index, changes);
            } else {
                index.markVerified();
            }
        });
    }

    /**
     * On the indexer thread: runs an update on the open index. A failed one rolls the index back to its last commit
     * (the next pass reopens it and replays from the database) and answers the 503 that {@link IndexTrouble} gives.
     */
    private void writing(long projectId, Consumer<ProjectIndex> update) {
        ProjectIndex index = open(projectId);
        try {
            if (!index.isOpen()) {
                // closed by Lucene after a failed merge: reopen from the last commit and catch up
                discard(projectId, index);
                index = open(projectId);
            }
            update.accept(index);
            trouble.succeeded(projectId);
        } catch (UncheckedIOException | AlreadyClosedException e) {
            discard(projectId, index);
            throw trouble.failed(projectId, e);
        }
    }

    /** Forgets a failed writer's uncommitted changes; the next update reopens the index from its last commit. */
    private void discard(long projectId, ProjectIndex index) {
        open.remove(projectId, index);
        index.discard();
    }

    private void await(CompletableFuture<Void> pass, long projectId) {
        try {
            pass.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ProblemException(503, "Search index busy", "The search index of this project is still being "
                    + "brought up to date. Try again in a minute.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Updating the search index of project " + projectId + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the search index", e);
        }
    }

    private void apply(long projectId, ProjectIndex index, IndexSource.Changes changes) {
        try {
            if (changes.everything()) {
                index.deleteAll();
                for (long documentId : source.documentIds(projectId)) {
                    forget(documentId);
                    index.replace(source.read(documentId));
                }
            } else {
                for (long documentId : changes.documentIds()) {
                    forget(documentId);
                    IndexedDocument doc = source.read(documentId);
                    if (doc == null) {
                        index.delete(documentId);
                    } else {
                        index.replace(doc);
                    }
                }
                for (Map.Entry<Long, IndexSource.CodingEdits> edit : changes.codingEdits().entrySet()) {
                    Layouts.Known known = layouts.get(edit.getKey(), () -> source.read(edit.getKey()));
                    if (known == null) {
                        index.delete(edit.getKey());
                        continue;
                    }
                    IndexedDocument doc = known.withSegments(source.segments(edit.getKey()));
                    index.edit(doc, known.layout(), edit.getValue().codingIds(), edit.getValue().ranges());
                }
            }
            index.publish(changes.latestSeq(), changes.latestHash());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not update the search index of project " + projectId, e);
        }
        scheduleCommit();
    }

    /** Commits every index with published changes a few seconds from now (one commit for many changes). */
    private void scheduleCommit() {
        if (commitScheduled.compareAndSet(false, true)) {
            indexer.schedule(() -> {
                commitScheduled.set(false);
                open.forEach((projectId, index) -> {
                    try {
                        index.commit();
                    } catch (IOException | RuntimeException e) {
                        Log.warnf(e, "Committing the search index of project %d failed; it is replayed at the next start",
                                projectId);
                    }
                });
            }, COMMIT_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void forget(long documentId) {
        layouts.forget(documentId);
    }

    private ProjectIndex open(long projectId) {
        return open.computeIfAbsent(projectId, id -> {
            try {
                return new ProjectIndex(Files.createDirectories(root.resolve("project-" + id)), analyzer, searchThreads);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the search index directory of project " + id, e);
            }
        });
    }

    /** Closes a project's index and deletes its files (when the project is gone), on the indexer thread. */
    void drop(long projectId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(projectId, done, () -> dropNow(projectId));
        await(done, projectId);
    }

    private void dropNow(long projectId) {
        trouble.forget(projectId);
        ProjectIndex index = open.remove(projectId);
        try {
            if (index != null) {
                index.close();
            }
            Path dir = root.resolve("project-" + projectId);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Lets the indexer finish what it is doing, then commits and closes every index. */
    @PreDestroy
    void close() {
        indexer.shutdown();
        try {
            if (!indexer.awaitTermination(60, TimeUnit.SECONDS)) {
                Log.warn("The search indexer did not finish within 60 s; the index is replayed at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        searchThreads.shutdown();
        open.values().forEach(index -> {
            try {
                index.close();
            } catch (IOException e) {
                Log.warn("Closing a search index failed", e);
            }
        });
        open.clear();
    }
}
