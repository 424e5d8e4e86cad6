package app.margin.identity.throttle;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;

/** The throttle's clock in tests: real time plus however far a test moved it, so a lock ends without waiting. */
@Alternative
@Priority(1)
@ApplicationScoped
public class ManualThrottleClock extends ThrottleClock {
    private volatile long offset;

    @Override
    public long millis() {
        return super.millis() + offset;
    }

    public synchronized void advance(Duration by) {
        offset += by.toMillis();
    }
}
