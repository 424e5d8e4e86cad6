package app.margin.exchange;

import app.margin.config.MarginConfig;
import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The bytes all running .qdpx imports hold inflated, together ({@code margin.exchange.max-inflated-in-flight}):
 * each import is bounded on its own by {@code max-total-size}, but three large ones at once ran the server out of
 * memory. An import that would go over is refused at once with 503 and {@code Retry-After} (it has stored nothing:
 * an import reads everything before it writes); waiting instead would hold the request and its upload meanwhile.
 */
@ApplicationScoped
public class InflatedBytes {
    static final int RETRY_AFTER_SECONDS = 30;

    private final long capacity;
    private long inFlight;

    @Inject
    InflatedBytes(MarginConfig config) {
        this(config.exchange().maxInflatedInFlight());
    }

    InflatedBytes(long capacity) {
        this.capacity = capacity;
    }

    /** One import's share; {@link #close()} gives it back. */
    public final class Share implements AutoCloseable {
        private long held;

        /** Takes {@code bytes} more for this import, or refuses it. */
        public void take(long bytes) {
            synchronized (InflatedBytes.this) {
                if (inFlight + bytes > capacity) {
                    if (inFlight == held) {
                        throw SafeZip.refused("The files the project refers to expand to more than "
                                + SafeZip.mib(capacity) + ", more than Margin unpacks at once "
                                + "(margin.exchange.max-inflated-in-flight).");
                    }
                    throw new ProblemException(503, "Busy importing", "Other imports are being unpacked right now "
                            + "and this one would need more memory than is left for imports "
                            + "(margin.exchange.max-inflated-in-flight). Nothing was imported; try again in a moment.")
                            .retryAfter(RETRY_AFTER_SECONDS);
                }
                inFlight += bytes;
                held += bytes;
            }
        }

        @Override
        public void close() {
            synchronized (InflatedBytes.this) {
                inFlight -= held;
                held = 0;
            }
        }
    }

    public Share share() {
        return new Share();
    }

    /** Bytes held by imports right now. */
    synchronized long inFlight() {
        return inFlight;
    }
}
