package app.margin.search;

import app.margin.config.MarginConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
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
            indexes.follow(source.heads());
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
