package app.margin.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A failure to report to the caller as RFC 9457 problem+json. The detail is read by researchers, so it says what
 * went wrong in their terms and, where possible, what to do about it.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Not allowed", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** The edit was based on an older version than the one stored: someone else changed it in between. */
    public static ProblemException staleVersion(String what) {
        return conflict(what + " was changed by someone else since you loaded it. Reload it, then apply your change again.");
    }

    /**
     * What a caller is told about a failure Margin did not foresee; the reference ties it to the logged error. Running
     * out of memory (also when wrapped, e.g. by a transaction) is said as such (503), since the remedy is asking for
     * less at once or giving Margin more heap, not reporting a bug. A full or unwritable disk is said as such too
     * (507 or 503, see {@link StorageProblems}): the remedy is freeing space, and the change was not saved.
     */
    public static ProblemException unexpected(Throwable failure, String reference) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return new ProblemException(503, "Out of memory", "Margin ran out of memory while answering this "
                        + "request and did not complete it. Ask for less at once (for example, export fewer codes or "
                        + "documents), or ask your administrator to give Margin more memory (java -Xmx…); reference "
                        + reference + ".").with("reference", reference);
            }
        }
        Optional<StorageFailure> storage = StorageFailure.of(failure);
        if (storage.isPresent()) {
            return StorageProblems.problem(storage.get());
        }
        return new ProblemException(500, "Internal error", "Margin hit an unexpected problem and did not complete this "
                + "request. Report reference " + reference + " to your administrator.").with("reference", reference);
    }

    /** Sent as {@code Retry-After}: when trying again can help (a search index that is retried after a pause). */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
