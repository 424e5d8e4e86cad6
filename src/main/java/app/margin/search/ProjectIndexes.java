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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * index up to date after every committed change and before a search whose caller's own last change it does not hold
 * yet, so a search always sees the caller's own last change; other people's changes show up within a pass and a
 * publish (a few hundred milliseconds) without the search waiting for them. (With other instances on the database a
 * search waits for every change committed before it, as the caller may have written through another instance.) A
 * missing or lagging index is rebuilt from the database, so deleting the directory loses nothing.
 *
 * <p>What to apply comes from the typed change feed ({@link app.margin.change.ChangeFeed}), which every change writes
 * in its own transaction: documents to read again, and single codings with the ranges they covered. A code merged or
 * deleted names its codings, so only the documents holding them are touched (it used to rebuild the whole project,
 * 20–50 s on a large one, while that project's searches waited).
 *
 * <p>Only the indexer thread writes to an index. Changes announced while the indexer is busy are applied together in
 * its next pass, and searches that need that pass wait for it instead of indexing themselves: under fifty coders,
 * searches that applied changes (and committed them) while holding the index's lock made one another wait seconds
 * (p50 2 s). A pass indexes a document whole only after a change to the document itself; a single coding's change
 * re-indexes its segment and the passages around it, from the document's text and layout kept in {@link Layouts}.
 * Passes make their changes searchable at once when a search waits for them, otherwise at most every
 * {@link #PUBLISH_MILLIS} (each refresh of the searchers makes a new small segment), and durable every few seconds
 * ({@link ProjectIndex#refresh}, {@link ProjectIndex#commit}).
 *
 * <p>A whole rebuild (asked for, or an index of another format or database, or too far behind the feed) runs on a
 * separate builder thread into {@code project-<id>.next}; the old index keeps answering (and, when it can, taking
 * changes) until the indexer swaps the new one in, catches it up, and retires the old one once no search reads it.
 * An index idle for {@code margin.index-idle-close} is committed and closed (its writer holds a 64 MB buffer) and
 * opened again by the next search or change.
 *
 * <p>An index that cannot be written (a full or read-only disk) is rolled back to its last commit; searches answer
 * 503 saying why ({@link IndexTrouble}, which logs it once), and the index is tried again after
 * {@code margin.index-retry-delay}, catching up from the database by itself.
 */
@ApplicationScoped
public class ProjectIndexes {
    /** How long published changes may stay uncommitted (they are replayed from the change feed after a crash). */
    static final long COMMIT_DELAY_SECONDS = 5;
    /** How long a pass for changes alone waits for more changes to apply with them. */
    static final long GATHER_MILLIS = 100;
    /**
     * A pass no search waits for makes its changes visible only if the searchers were last refreshed this long ago
     * (else a publish follows then): each refresh makes a new small segment, and under a stream of codings that was
     * most of the indexer's work. Other people's changes show up within about {@code GATHER + PUBLISH} ms.
     */
    static final long PUBLISH_MILLIS = 200;
    /** A search waits this long for its index to catch up (a first build of a large project takes tens of seconds). */
    static final long MAX_WAIT_SECONDS = 300;
    /** What the indexer's kept documents and layouts may hold: about 300 transcripts of 5,000 words. */
    static final long LAYOUT_BUDGET_BYTES = 24L << 20;
    /** How many passes a search waits for before it answers from the index as it is. */
    static final int MAX_PASSES_WAITED = 3;

    private final IndexSource source;
    private final Path root;
    private final IndexTrouble trouble;
    private final Analyzer analyzer = TextAnalyzers.forIndex();
    /** Created on any thread, but replaced and removed only by the indexer inside the map's compute (see swap). */
    private final Map<Long, ProjectIndex> open = new ConcurrentHashMap<>();
    /** Per project, the next pass not yet started: changes and searches arriving meanwhile join it. */
    private final Map<Long, PendingPass> nextPass = new ConcurrentHashMap<>();
    /** Projects with a publish scheduled for changes a pass applied but did not make visible yet. */
    private final Set<Long> publishScheduled = ConcurrentHashMap.newKeySet();
    /** Projects whose index is being built whole in the background. */
    private final Map<Long, Build> builds = new ConcurrentHashMap<>();
    /**
     * Per project and caller, the last change that caller committed through this instance (announced after its commit,
     * before its answer): with no other instance on the database, a search waits until its index applied this, not
     * every change committed before it (under twenty coders nearly every search waited for a pass, 8× the idle p99).
     */
    private final Map<Caller, Long> committedBy = new ConcurrentHashMap<>();
    /**
     * Per project, the chain head when this instance first searched it: changes committed before (by anyone, e.g.
     * before a restart) are waited for once, so a search after a start sees what was there.
     */
    private final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();
    /** Other instances may write to the database (they are followed): then a search asks the database's head. */
    private final boolean shared;
    private final Duration idleClose;
    private final ScheduledThreadPoolExecutor indexer = new ScheduledThreadPoolExecutor(1, daemonThreads("margin-indexer"));
    private final ExecutorService builder = Executors.newSingleThreadExecutor(daemonThreads("margin-index-builder"));
    private final AtomicBoolean commitScheduled = new AtomicBoolean();
    /** Test hook: runs on the indexer right after a rebuilt index is swapped in, before it is caught up. */
    private volatile Consumer<Long> afterSwapIn = projectId -> { };
    /** Test hook: scheduled commits wait while set, so a test can stand for a crash before the next commit. */
    private volatile boolean commitsPaused;
    /** Documents (without their codings) and layouts the indexer used last: a single coding needs no text read. */
    private final Layouts layouts = new Layouts(LAYOUT_BUDGET_BYTES);
    /** Searches large enough to span several index segments use every core: one researcher's query finishes sooner. */
    private final ExecutorService searchThreads = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemonThreads("margin-search"));
    /** What the last pass of each project did (for tests and operators reading a heap dump). */
    private final Map<Long, Pass> lastPass = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong wholeBuilds = new java.util.concurrent.atomic.AtomicLong();

    /** Who made a change in which project (the audit actor, a username). */
    private record Caller(long projectId, String username) {
    }

    /** A pass not yet started; {@code publish}: a search waits for it, so it refreshes the searchers at once. */
    private static final class PendingPass {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile boolean publish;
    }

    /** A pass's work: documents indexed whole, and documents of which single codings were indexed again. */
    record Pass(long seq, Set<Long> documentsWhole, Set<Long> documentsEdited) {
    }

    /** A background build: {@code done} completes with the number of documents once swapped in. */
    private static final class Build {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        /** The old index cannot be caught up (other format or database, feed pruned): it serves as it is. */
        volatile boolean frozen;
    }

    ProjectIndexes(IndexSource source, MarginConfig config) {
        this.source = source;
        this.root = Path.of(config.dataDir()).resolve("index");
        this.trouble = new IndexTrouble(root, config.indexRetryDelay());
        Duration follow = config.indexFollowInterval();
        this.shared = !follow.isZero() && !follow.isNegative();
        this.idleClose = config.indexIdleClose();
        indexer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** On start, bring every project's index up to date in the background (rebuilding missing or foreign ones). */
    void onStart(@Observes StartupEvent start) {
        try {
            indexer.execute(() -> {
                removeUnfinishedBuilds();
                source.projectIds().forEach(id -> requestPass(id, false));
            });
            if (!idleClose.isZero() && !idleClose.isNegative()) {
                long every = Math.clamp(idleClose.toMillis() / 2, 1_000, 60_000);
                indexer.scheduleWithFixedDelay(() -> closeIdleNow(idleClose), every, every, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            // shutting down already
        }
    }

    /** After a change commits, index it soon, off the request thread. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectChanged change) {
        if (change.actor() != null) {
            committedBy.merge(new Caller(change.projectId(), change.actor()), change.seq(), Math::max);
        }
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
    void follow(Map<Long, Long> moved, Set<Long> gone) {
        moved.forEach((projectId, seq) -> {
            ProjectIndex index = open.get(projectId);
            if ((index == null || index.writtenSeq() != seq) && !trouble.waiting(projectId)
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

    boolean isOpen(long projectId) {
        return open.containsKey(projectId);
    }

    Pass lastPass(long projectId) {
        return lastPass.get(projectId);
    }

    /** How many whole builds this instance has swapped in since it started. */
    long wholeBuilds() {
        return wholeBuilds.get();
    }

    /**
     * The project's index holding every change {@code caller} (a username) committed before this call, and whatever
     * else it applied meanwhile: other people's changes show up within the next pass or publish, a fraction of a
     * second, without this search waiting for them (while a whole rebuild of an index that cannot be caught up runs,
     * the old index as it is). With other instances on the database every change committed before the call counts, as
     * the caller may have made it through another one. An index that cannot be written answers 503 saying so, and is
     * tried again after {@code margin.index-retry-delay}.
     */
    ProjectIndex upToDate(long projectId, String caller) {
        trouble.check(projectId);
        return atLeast(projectId, () -> required(projectId, caller));
    }

    /** The project's index with every change committed before this call applied, by anyone (tests, operators). */
    ProjectIndex upToDate(long projectId) {
        trouble.check(projectId);
        return atLeast(projectId, () -> source.latestSeq(projectId));
    }

    /** The index once it applied the change {@code required} names (read when first needed), or after a few passes. */
    private ProjectIndex atLeast(long projectId, java.util.function.LongSupplier requirement) {
        long required = -1;
        for (int pass = 0; ; pass++) {
            ProjectIndex index = open(projectId);
            Build build = builds.get(projectId);
            if (build != null && build.frozen && index.appliedSeq() > 0) {
                return index; // searches never wait for a rebuild while there is an index to answer from
            }
            if (required < 0) {
                required = requirement.getAsLong();
            }
            // Checked again after each wait: the pass a search waited for may have found a build running, which
            // catches the new index up when it swaps it in.
            if ((index.verified() && index.appliedSeq() >= required) || pass == MAX_PASSES_WAITED) {
                return index;
            }
            await(requestPass(projectId, true), projectId);
            build = builds.get(projectId);
            if (build != null && build.frozen && open(projectId).appliedSeq() == 0) {
                await(build.done, projectId); // a first build: nothing to answer from before it
            }
        }
    }

    /**
     * The change a caller's search must see. Several instances: the database's head (the caller may have written
     * through another instance, and the chain does not say cheaply who wrote last). One instance: the caller's last
     * change made here, and what was there when this instance first searched the project.
     */
    private long required(long projectId, String caller) {
        if (shared) {
            return source.latestSeq(projectId);
        }
        long before = firstSeen.computeIfAbsent(projectId, source::latestSeq);
        Long own = caller == null ? null : committedBy.get(new Caller(projectId, caller));
        return own == null ? before : Math.max(before, own);
    }

    /**
     * Builds the index again from the database in the background and waits until the new one serves (the old one
     * answers searches and takes changes meanwhile); answers the number of documents indexed.
     */
    long rebuild(long projectId) {
        trouble.check(projectId);
        return await(startBuild(projectId, false).done, projectId);
    }

    /**
     * A pass of the indexer over the project that starts after this call, so it sees every change committed before
     * it. Passes asked for and not yet started are shared. A pass for changes alone waits {@link #GATHER_MILLIS} for
     * more of them (under fifty coders, refreshing the searchers after every change or two was half the indexer's
     * work); a search waiting for it starts it at once.
     */
    private CompletableFuture<Void> requestPass(long projectId, boolean searchWaits) {
        PendingPass[] created = {null};
        // inside compute, so a search's wish to publish reaches the pass unless it started (then it asks another)
        PendingPass pass = nextPass.compute(projectId, (id, pending) -> {
            PendingPass joined = pending;
            if (joined == null) {
                joined = created[0] = new PendingPass();
            }
            joined.publish |= searchWaits;
            return joined;
        });
        if (pass == created[0] || searchWaits) {
            schedule(projectId, pass.done, searchWaits ? 0 : GATHER_MILLIS, () -> {
                if (!nextPass.remove(projectId, pass)) {
                    return false; // started already, sooner
                }
                catchUp(projectId, pass.publish);
                return true;
            });
        }
        return pass.done;
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

    /**
     * On the indexer thread: applies what changed since the index's last applied change, and makes it visible now if
     * {@code publish} (a search waits) or the searchers were not refreshed for {@link #PUBLISH_MILLIS}, else soon.
     */
    private void catchUp(long projectId, boolean publish) {
        if (!source.projectExists(projectId)) {
            dropNow(projectId);
            return;
        }
        Build build = builds.get(projectId);
        if (build != null && build.frozen) {
            return; // the swap catches the new index up
        }
        writing(projectId, index -> {
            IndexSource.Changes changes = source.changesAfter(projectId, index.writtenSeq(), index.writtenHash());
            if (changes.everything()) {
                if (changes.foreign()) {
                    // another database's texts must not answer this one's searches: they wait for the build
                    forgetContents(index);
                }
                startBuild(projectId, true);
            } else if (changes.any(index.writtenSeq())) {
                apply(projectId, index, changes);
            } else {
                index.markVerified();
            }
            publish(projectId, index, publish);
        });
    }

    /** Refreshes the searchers now, or schedules it for when {@link #PUBLISH_MILLIS} have passed since the last. */
    private void publish(long projectId, ProjectIndex index, boolean now) {
        if (!index.unpublished()) {
            return;
        }
        long left = TimeUnit.MILLISECONDS.toNanos(PUBLISH_MILLIS) - index.sincePublishedNanos();
        if (now || left <= 0) {
            index.refresh();
        } else if (publishScheduled.add(projectId)) {
            schedule(projectId, new CompletableFuture<>(), TimeUnit.NANOSECONDS.toMillis(left) + 1, () -> {
                publishScheduled.remove(projectId);
                ProjectIndex current = open.get(projectId);
                if (current != null && current.isOpen() && current.unpublished()) {
                    writing(projectId, ProjectIndex::refresh);
                }
                return true;
            });
        }
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

    /**
     * Forgets a failed writer's uncommitted changes; the next update reopens the index from its last commit. Inside
     * the map's compute, so no search opens the directory again while the old writer still holds its lock.
     */
    private void discard(long projectId, ProjectIndex index) {
        open.computeIfPresent(projectId, (id, current) -> {
            if (current != index) {
                return current;
            }
            index.discard(null);
            return null;
        });
    }

    private <T> T await(CompletableFuture<T> pass, long projectId) {
        try {
            return pass.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
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
            index.written(changes.latestSeq(), changes.latestHash());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not update the search index of project " + projectId, e);
        }
        lastPass.put(projectId, new Pass(changes.latestSeq(), Set.copyOf(changes.documentIds()),
                Set.copyOf(changes.codingEdits().keySet())));
        scheduleCommit();
    }

    private static void forgetContents(ProjectIndex index) {
        try {
            index.deleteAll();
            index.publish(0, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or joins) a whole build of the project's index on the builder thread. */
    private Build startBuild(long projectId, boolean frozen) {
        Build created = new Build();
        Build build = builds.computeIfAbsent(projectId, id -> created);
        build.frozen |= frozen;
        if (build == created) {
            try {
                builder.execute(() -> build(projectId, build));
            } catch (RejectedExecutionException stopping) {
                builds.remove(projectId, build);
                build.done.completeExceptionally(stopping);
            }
        }
        return build;
    }

    /**
     * On the builder thread: indexes every document into a new directory, up to the chain head read before the first
     * document (changes after it are replayed by the swap), then hands it to the indexer to swap in.
     */
    private void build(long projectId, Build build) {
        Path next = root.resolve("project-" + projectId + ".next");
        try {
            deleteTree(next);
            IndexSource.Changes head = source.everything(projectId);
            ProjectIndex fresh = new ProjectIndex(Files.createDirectories(next), analyzer, searchThreads,
                    seq -> successor(projectId, seq));
            long documents = 0;
            try {
                for (long documentId : source.documentIds(projectId)) {
                    IndexedDocument doc = source.read(documentId);
                    if (doc != null) {
                        fresh.replace(doc);
                        documents++;
                    }
                }
                fresh.publish(head.latestSeq(), head.latestHash());
                fresh.close();
            } catch (IOException | RuntimeException e) {
                fresh.discard(null);
                throw e;
            }
            long built = documents;
            CompletableFuture<Void> swapped = new CompletableFuture<>();
            submit(projectId, swapped, () -> swap(projectId, build, next));
            swapped.whenComplete((ok, failure) -> {
                builds.remove(projectId, build);
                if (failure != null) {
                    build.done.completeExceptionally(failure);
                } else {
                    build.done.complete(built);
                }
            });
        } catch (IOException | RuntimeException e) {
            builds.remove(projectId, build);
            deleteQuietly(next);
            // the old index keeps serving; a full or read-only disk is said once, as for any write
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                build.done.completeExceptionally(trouble.failed(projectId, e));
            } else {
                Log.warnf(e, "Rebuilding the search index of project %d failed; the old index keeps serving", projectId);
                build.done.completeExceptionally(e);
            }
        }
    }

    /**
     * On the indexer thread: puts the built index in the project's directory and serves it, catches it up with the
     * changes since its build began, and retires the old one (its readers close when the last search on it is done).
     * The renames run inside the map's compute, so no search opens the directory halfway.
     */
    private void swap(long projectId, Build build, Path next) {
        if (!source.projectExists(projectId)) {
            deleteQuietly(next);
            dropNow(projectId);
            return;
        }
        Path live = directory(projectId);
        Path old = root.resolve("project-" + projectId + ".old-" + System.nanoTime());
        open.compute(projectId, (id, previous) -> {
            try {
                if (previous != null) {
                    previous.closeWriter(); // commits, releases the lock; searches go on reading it
                }
                if (Files.exists(live)) {
                    Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(next, live, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot swap in the rebuilt search index of project " + id, e);
            }
            if (previous != null) {
                previous.retire(() -> deleteQuietly(old));
            } else {
                deleteQuietly(old);
            }
            // Before the new index becomes visible: a search must not take it for the old one that answers while a
            // build runs, because it is not caught up yet (it waits for the pass queued behind this swap instead).
            builds.remove(id, build);
            return newIndex(id);
        });
        afterSwapIn.accept(projectId);
        wholeBuilds.incrementAndGet();
        Log.infof("Rebuilt the search index of project %d", projectId);
        writing(projectId, index -> {
            IndexSource.Changes changes = source.changesAfter(projectId, index.writtenSeq(), index.writtenHash());
            if (changes.everything()) {
                // the database moved on past the feed while building (or was replaced): build once more
                startBuild(projectId, true);
            } else if (changes.any(index.writtenSeq())) {
                apply(projectId, index, changes);
            } else {
                index.markVerified();
            }
            publish(projectId, index, true); // searches queued behind the swap wait for it
        });
    }

    private void submit(long projectId, CompletableFuture<Void> done, Runnable work) {
        schedule(projectId, done, 0, () -> {
            work.run();
            return true;
        });
    }

    /** Commits every index with published changes a few seconds from now (one commit for many changes). */
    private void scheduleCommit() {
        if (commitScheduled.compareAndSet(false, true)) {
            indexer.schedule(() -> {
                commitScheduled.set(false);
                if (commitsPaused) {
                    scheduleCommit();
                    return;
                }
                open.forEach((projectId, index) -> {
                    boolean committed;
                    try {
                        committed = index.commit();
                    } catch (IOException | RuntimeException e) {
                        Log.warnf(e, "Committing the search index of project %d failed; it is replayed at the next start",
                                projectId);
                        return;
                    }
                    if (committed) {
                        pruneFeed(projectId, index.appliedSeq());
                    }
                });
            }, COMMIT_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Old feed rows go once an index committed past them; a database that cannot delete now is asked next time. */
    private void pruneFeed(long projectId, long committedSeq) {
        try {
            source.pruneFeed(projectId, committedSeq);
        } catch (RuntimeException e) {
            Log.debugf(e, "Pruning the change feed of project %d failed; the next commit tries again", projectId);
        }
    }

    /**
     * Commits and closes the indexes no search or change used for {@code idleFor} (not those with a pass or a build
     * waiting); the next search or change opens them again. Waits for the indexer; answers how many it closed.
     */
    int closeIdle(Duration idleFor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] closed = {0};
        submit(-1, done, () -> closed[0] = closeIdleNow(idleFor));
        await(done, -1);
        return closed[0];
    }

    private int closeIdleNow(Duration idleFor) {
        int closed = 0;
        for (Long projectId : Set.copyOf(open.keySet())) {
            if (nextPass.containsKey(projectId) || builds.containsKey(projectId)) {
                continue;
            }
            boolean[] didClose = {false};
            open.computeIfPresent(projectId, (id, index) -> {
                if (index.idleNanos() < idleFor.toNanos()) {
                    return index;
                }
                try {
                    index.closeWriter();
                    index.retire(null);
                } catch (IOException | RuntimeException e) {
                    Log.warnf(e, "Closing the idle search index of project %d failed; it is replayed when opened", id);
                    index.discard(null);
                }
                didClose[0] = true;
                return null;
            });
            closed += didClose[0] ? 1 : 0;
        }
        return closed;
    }

    /**
     * Test hook: forgets what the project's index applied since its last commit, as a crash would, and reopens it
     * from that commit at the next search (which replays the rest from the change feed).
     */
    void crashToLastCommit(long projectId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(projectId, done, () -> {
            ProjectIndex index = open.get(projectId);
            if (index != null) {
                discard(projectId, index);
            }
        });
        await(done, projectId);
    }

    void afterSwapIn(Consumer<Long> hook) {
        afterSwapIn = hook;
    }

    void pauseCommits(boolean paused) {
        commitsPaused = paused;
    }

    /** Test hook: commits every index now (as the scheduled commit does). */
    void commitNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(-1, done, () -> open.forEach((projectId, index) -> {
            try {
                index.commit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        await(done, -1);
    }

    /** Test hook: runs {@code work} on the indexer thread, before any pass asked for after this call. */
    void onIndexer(Runnable work) {
        indexer.execute(work);
    }

    /** Test hook: runs {@code work} on the builder thread, before any build asked for after this call. */
    void onBuilder(Runnable work) {
        builder.execute(work);
    }

    private void forget(long documentId) {
        layouts.forget(documentId);
    }

    private Path directory(long projectId) {
        return root.resolve("project-" + projectId);
    }

    /** Where a search goes that reached a retired index: the current one, once it holds what the retired one did. */
    private ProjectIndex successor(long projectId, long seq) {
        trouble.check(projectId);
        return atLeast(projectId, () -> seq);
    }

    private ProjectIndex open(long projectId) {
        return open.computeIfAbsent(projectId, this::newIndex);
    }

    private ProjectIndex newIndex(long projectId) {
        try {
            return new ProjectIndex(Files.createDirectories(directory(projectId)), analyzer, searchThreads,
                    seq -> successor(projectId, seq));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the search index directory of project " + projectId, e);
        }
    }

    /** Closes a project's index and deletes its files (when the project is gone), on the indexer thread. */
    void drop(long projectId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(projectId, done, () -> dropNow(projectId));
        await(done, projectId);
    }

    /** Searches still reading the index finish first: its files are deleted when its readers close. */
    private void dropNow(long projectId) {
        trouble.forget(projectId);
        firstSeen.remove(projectId);
        committedBy.keySet().removeIf(caller -> caller.projectId() == projectId);
        lastPass.remove(projectId);
        Path dir = directory(projectId);
        open.compute(projectId, (id, index) -> {
            if (index != null) {
                index.discard(() -> deleteQuietly(dir));
            } else {
                deleteQuietly(dir);
            }
            return null;
        });
        source.forgetFeed(projectId);
    }

    /** Left by a build or swap that a stop interrupted: the indexes are rebuilt from the database if needed. */
    private void removeUnfinishedBuilds() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> d.getFileName().toString().matches("project-\\d+\\.(next|old-\\d+)"))
                    .forEach(ProjectIndexes::deleteQuietly);
        } catch (IOException e) {
            Log.warnf("Could not list %s to remove unfinished index builds: %s", root, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            Log.warnf("Could not delete %s: %s", dir, e.getMessage());
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
        builder.shutdownNow();
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
