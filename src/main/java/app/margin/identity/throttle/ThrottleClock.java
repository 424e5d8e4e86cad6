package app.margin.identity.throttle;

import jakarta.enterprise.context.ApplicationScoped;

/** The time the throttle counts in: monotonic milliseconds (a clock set back cannot end a lock early). Tests move it. */
@ApplicationScoped
public class ThrottleClock {
    private static final long START = System.nanoTime();

    public long millis() {
        return (System.nanoTime() - START) / 1_000_000;
    }
}
