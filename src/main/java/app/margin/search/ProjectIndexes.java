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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The per-project indexes under {@code <data-dir>/index/}. The database is the truth; an index is brought up to date
 * after every committed change (in the background) and before every search (so a search always sees the caller's
 * own last change). A missing or lagging index is rebuilt from the database, so deleting the directory loses nothing.
 */
@ApplicationScoped
public class ProjectIndexes {
    private final IndexSource source;
    private final Path root;
    private final Analyzer analyzer = TextAnalyzers.forIndex();
    private final Map<Long, ProjectIndex> open = new ConcurrentHashMap<>();
    private final IndexTrouble trouble;
    private final ExecutorService background = Executors.newSingleThreadExecutor(daemonThreads("margin-indexer"));
    /** Searches large enough to span several index segments use every core: one researcher's query finishes sooner. */
    private final ExecutorService searchThreads = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemonThreads("margin-search"));

    ProjectIndexes(IndexSource source, MarginConfig config) {
        this.source = source;
        this.root = Path.of(config.dataDir()).resolve("index");
        this.trouble = new IndexTrouble(root, config.indexRetryDelay());
    }

    /** On start, bring every project's index up to date in the background (rebuilding missing or foreign ones). */
    void onStart(@Observes StartupEvent start) {
        background.submit(() -> {
            for (long projectId : source.projectIds()) {
                try {
                    upToDate(projectId);
                } catch (ProblemException alreadyLogged) {
                    // a full or read-only disk: IndexTrouble has said so once; the next search retries
                } catch (RuntimeException e) {
                    Log.warnf(e, "Indexing project %d at start failed; the next search will retry", projectId);
                }
            }
        });
    }

    /** After a change commits, index it soon, off the request thread. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectChanged change) {
        background.submit(() -> {
            try {
                if (!source.projectExists(change.projectId())) {
                    drop(change.projectId());
                    return;
                }
                if (!trouble.waiting(change.projectId())) {
                    upToDate(change.projectId());
                }
            } catch (ProblemException alreadyLogged) {
                // a full or read-only disk: IndexTrouble has said so once; the change itself is saved
            } catch (RuntimeException e) {
                Log.warnf(e, "Indexing project %d failed; the next search will retry", change.projectId());
            }
        });
    }

    /**
     * The project's index with every committed change applied. An index that cannot be written (a full or read-only
     * disk) answers 503 saying so, and is tried again after {@code margin.index-retry-delay}.
     */
    ProjectIndex upToDate(long projectId) {
        trouble.check(projectId);
        return writing(projectId, index -> {
            IndexSource.Changes changes = source.changesAfter(projectId, index.appliedSeq(), index.appliedHash());
            if (changes.any(index.appliedSeq())) {
                apply(projectId, index, changes);
            }
        });
    }

    /** Throws the index away and builds it again from the database (also while it waits for a retry: asked for). */
    long rebuild(long projectId) {
        writing(projectId, index -> apply(projectId, index, source.everything(projectId)));
        return source.documentIds(projectId).size();
    }

    /** Runs an update on the open index; a failed one leaves the index at its last commit, to be caught up later. */
    private ProjectIndex writing(long projectId, Consumer<ProjectIndex> update) {
        try {
            while (true) {
                ProjectIndex index = open(projectId);
                synchronized (index) {
                    if (!index.isOpen()) {
                        // closed by Lucene after a failed merge, or discarded by another thread: reopen and catch up
                        discard(projectId, index);
                        continue;
                    }
                    update.accept(index);
                }
                trouble.succeeded(projectId);
                return index;
            }
        } catch (UncheckedIOException | AlreadyClosedException e) {
            throw trouble.failed(projectId, e);
        }
    }

    private void apply(long projectId, ProjectIndex index, IndexSource.Changes changes) {
        try {
            if (changes.everything()) {
                index.deleteAll();
                for (long documentId : source.documentIds(projectId)) {
                    index.replace(source.read(documentId));
                }
            } else {
                for (long documentId : changes.documentIds()) {
                    IndexedDocument doc = source.read(documentId);
                    if (doc == null) {
                        index.delete(documentId);
                    } else {
                        index.replace(doc);
                    }
                }
            }
            index.commit(changes.latestSeq(), changes.latestHash());
        } catch (IOException e) {
            discard(projectId, index);
            throw new UncheckedIOException("Could not update the search index of project " + projectId, e);
        } catch (AlreadyClosedException e) {
            // Lucene closed the writer after a failed flush or merge
            discard(projectId, index);
            throw e;
        }
    }

    /** Forgets a failed writer's uncommitted changes; the next update reopens the index from its last commit. */
    private void discard(long projectId, ProjectIndex index) {
        open.remove(projectId, index);
        index.discard();
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

    /** Closes a project's index and deletes its files (when the project is gone). */
    void drop(long projectId) {
        trouble.forget(projectId);
        ProjectIndex index = open.remove(projectId);
        try {
            if (index != null) {
                synchronized (index) {
                    index.close();
                }
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

    @PreDestroy
    void close() {
        background.shutdown();
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
