package app.margin.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure to report to the caller as RFC 9457 problem+json. The detail is read by researchers, so it says what
 * went wrong in their terms and, where possible, what to do about it.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

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
