package app.margin.search;

import app.margin.audit.ProjectChanged;
import app.margin.config.MarginConfig;
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
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;

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
    private final ExecutorService background = Executors.newSingleThreadExecutor(daemonThreads("margin-indexer"));
    /** Searches large enough to span several index segments use every core: one researcher's query finishes sooner. */
    private final ExecutorService searchThreads = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemonThreads("margin-search"));

    ProjectIndexes(IndexSource source, MarginConfig config) {
        this.source = source;
        this.root = Path.of(config.dataDir()).resolve("index");
    }

    /** On start, bring every project's index up to date in the background (rebuilding missing or foreign ones). */
    void onStart(@Observes StartupEvent start) {
        background.submit(() -> {
            for (long projectId : source.projectIds()) {
                try {
                    upToDate(projectId);
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
                upToDate(change.projectId());
            } catch (RuntimeException e) {
                Log.warnf(e, "Indexing project %d failed; the next search will retry", change.projectId());
            }
        });
    }

    /** The project's index with every committed change applied. */
    ProjectIndex upToDate(long projectId) {
        ProjectIndex index = open(projectId);
        synchronized (index) {
            IndexSource.Changes changes = source.changesAfter(projectId, index.appliedSeq(), index.appliedHash());
            if (changes.any(index.appliedSeq())) {
                apply(projectId, index, changes);
            }
        }
        return index;
    }

    /** Throws the index away and builds it again from the database. */
    long rebuild(long projectId) {
        ProjectIndex index = open(projectId);
        synchronized (index) {
            apply(projectId, index, source.everything(projectId));
        }
        return source.documentIds(projectId).size();
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
            throw new UncheckedIOException("Could not update the search index of project " + projectId, e);
        }
    }

    private ProjectIndex open(long projectId) {
        return open.computeIfAbsent(projectId, id -> {
            try {
                return new ProjectIndex(Files.createDirectories(root.resolve("project-" + id)), analyzer, searchThreads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Closes a project's index and deletes its files (when the project is gone). */
    void drop(long projectId) {
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
