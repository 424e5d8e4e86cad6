package app.margin.search;

import app.margin.config.MarginConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the database's change record, so that several Margin instances can share one database: every
 * {@code margin.index-follow-interval} it reads each project's audit chain head (one small row per project) and
 * lets {@link ProjectIndexes} catch up those its indexes are behind, through the same pass that applies the changes
 * made here. Changes made through another instance are announced only inside that instance's JVM; without this a
 * search here would still see them (it checks the head itself) but would wait for the catching up.
 */
@ApplicationScoped
class IndexFollower {
    private final ProjectIndexes indexes;
    private final IndexSource source;
    private final Duration interval;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "margin-index-follower");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;
    /**
     * The heads seen at the last poll: only a head that moved since is followed, so a project whose pass fails is
     * tried again at its next change (or search), not at every poll. Empty at start: the first poll follows all.
     */
    private Map<Long, Long> seen = Map.of();

    IndexFollower(ProjectIndexes indexes, IndexSource source, MarginConfig config) {
        this.indexes = indexes;
        this.source = source;
        this.interval = config.indexFollowInterval();
    }

    void onStart(@Observes StartupEvent start) {
        if (!interval.isZero() && !interval.isNegative()) {
            long millis = Math.max(1, interval.toMillis());
            poller.scheduleWithFixedDelay(this::followOnce, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void followOnce() {
        try {
            Map<Long, Long> heads = source.heads();
            Map<Long, Long> moved = new HashMap<>();
            heads.forEach((projectId, seq) -> {
                if (!seq.equals(seen.get(projectId))) {
                    moved.put(projectId, seq);
                }
            });
            Set<Long> gone = new HashSet<>(seen.keySet());
            gone.removeAll(heads.keySet());
            indexes.follow(moved, gone);
            seen = heads;
            if (failing) {
                failing = false;
                Log.info("Following the database's changes for the search indexes works again");
            }
        } catch (RuntimeException e) {
            // The database is away (restarting, full): say so once, keep trying; searches check the head themselves.
            if (!failing) {
                failing = true;
                Log.warnf("Could not read which projects changed (%s); the search indexes follow again once the "
                        + "database answers", e.getClass().getSimpleName());
            }
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
