package app.margin.problem;

import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Lets a failure that repeats on every request be logged when it starts or changes, then at most once per interval
 * with the number of repeats left out: one line that says what to do, not a storm of identical stack traces.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final LongSupplier clock;
    private String state;
    private long loggedAt;
    private int suppressed;

    public LogThrottle(Duration interval) {
        this(interval, System::nanoTime);
    }

    LogThrottle(Duration interval, LongSupplier clock) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /** Runs {@code log} (given how many repeats were left out) if this state is new or the interval has passed. */
    public synchronized boolean tryLog(String newState, IntConsumer log) {
        long now = clock.getAsLong();
        if (newState.equals(state) && now - loggedAt < intervalNanos) {
            suppressed++;
            return false;
        }
        int left = newState.equals(state) ? suppressed : 0;
        state = newState;
        loggedAt = now;
        suppressed = 0;
        log.accept(left);
        return true;
    }

    /** Forgets the state, so the same failure is logged at once when it comes back. */
    public synchronized void reset() {
        state = null;
        suppressed = 0;
    }
}
