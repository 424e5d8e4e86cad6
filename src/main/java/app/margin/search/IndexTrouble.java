package app.margin.search;

import app.margin.problem.ProblemException;
import app.margin.problem.StorageFailure;
import app.margin.problem.StorageFailure.Cause;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The project indexes that could not be written (a full or read-only disk), why, and when to try again. The index is
 * derived, so a failed update never fails the change that caused it; searches in that project answer 503 saying so,
 * and only one search per retry delay pays for trying again. The log says each change of state once: one line when
 * an index starts failing (what failed, what to do), one when it is written again.
 */
final class IndexTrouble {
    private final Path root;
    private final long retryDelayNanos;
    private final LongSupplier clock;
    private final Map<Long, Failure> failing = new ConcurrentHashMap<>();

    private record Failure(StorageFailure why, long retryAt) {
    }

    IndexTrouble(Path root, Duration retryDelay) {
        this(root, retryDelay, System::nanoTime);
    }

    IndexTrouble(Path root, Duration retryDelay, LongSupplier clock) {
        this.root = root.toAbsolutePath().normalize();
        this.retryDelayNanos = retryDelay.toNanos();
        this.clock = clock;
    }

    /** Refuses at once while a failed index waits for its next try (so a storm of searches is not a storm of writes). */
    void check(long projectId) {
        Failure failure = failing.get(projectId);
        if (failure != null) {
            long wait = failure.retryAt() - clock.getAsLong();
            if (wait > 0) {
                throw problem(failure.why(), wait);
            }
        }
    }

    boolean waiting(long projectId) {
        Failure failure = failing.get(projectId);
        return failure != null && failure.retryAt() - clock.getAsLong() > 0;
    }

    /** Records a failed update and gives the problem to answer with; logs only when the project starts failing. */
    ProblemException failed(long projectId, Throwable error) {
        StorageFailure why = describe(error);
        Failure before = failing.put(projectId, new Failure(why, clock.getAsLong() + retryDelayNanos));
        if (before == null || before.why().cause() != why.cause()) {
            Log.warnf("The search index of project %d at %s cannot be written: %s%s. Codings and documents are still "
                    + "saved in the database; searches in this project answer 503 until the index can be written. "
                    + "What to do: %s. Margin then catches up from the database by itself on the next search (it "
                    + "tries again every %d s); a restart rebuilds it too.", projectId, dir(projectId),
                    why.cause().words(), why.systemMessage() == null ? "" : " (" + why.systemMessage() + ")",
                    remedy(why.cause()), Math.max(1, Duration.ofNanos(retryDelayNanos).toSeconds()));
            Log.debugf(error, "Search index of project %d: the failure in full", projectId);
        }
        return problem(why, retryDelayNanos);
    }

    /** The index was written: forget the failure, and say so if there was one. */
    void succeeded(long projectId) {
        if (failing.remove(projectId) != null) {
            Log.infof("The search index of project %d at %s is written again and up to date with the database.",
                    projectId, dir(projectId));
        }
    }

    void forget(long projectId) {
        failing.remove(projectId);
    }

    private ProblemException problem(StorageFailure why, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new ProblemException(503, "Search unavailable", "Search is unavailable: Margin cannot write its search "
                + "index at " + root + " (" + why.cause().words() + "). Your codings and documents are saved. Ask "
                + "your administrator to " + remedy(why.cause()) + "; search works again by itself once the index "
                + "can be written.").retryAfter(seconds);
    }

    private String remedy(Cause cause) {
        return switch (cause) {
            case DISK_FULL -> "free space on the disk that holds " + root;
            case NOT_WRITABLE -> "make " + root + " writable for the account that runs Margin";
            case IO_ERROR -> "check the disk that holds " + root + " (or delete " + root + ": Margin rebuilds the "
                    + "index from the database)";
        };
    }

    private Path dir(long projectId) {
        return root.resolve("project-" + projectId);
    }

    private static StorageFailure describe(Throwable error) {
        Throwable cause = error instanceof UncheckedIOException unchecked ? unchecked.getCause() : error;
        if (cause instanceof IOException io) {
            return StorageFailure.ofIo(io);
        }
        return StorageFailure.of(error).orElseGet(() -> StorageFailure.ofIo(new IOException(error.toString(), error)));
    }
}
