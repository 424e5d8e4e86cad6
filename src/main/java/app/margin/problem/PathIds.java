package app.margin.problem;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names an id in an address that is not a number ("/projects/abc/documents"): the id is called after the path
 * segment before it ("projects" → project id), so the message says which one is wrong.
 */
final class PathIds {
    private PathIds() {
    }

    /** "‘abc’ is not a valid project id …", or empty when every id in the address is a whole number. */
    static Optional<String> describeInvalid(UriInfo uri) {
        if (uri == null) {
            return Optional.empty();
        }
        List<String> segments = uri.getPathSegments().stream().map(s -> s.getPath()).toList();
        for (Map.Entry<String, List<String>> param : uri.getPathParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (isWholeNumber(value)) {
                    continue;
                }
                int at = segments.indexOf(value);
                String what = at > 0 ? singular(segments.get(at - 1)) + " id" : "id";
                return Optional.of("‘" + clip(value) + "’ is not a valid " + what + ": ids in Margin's addresses are "
                        + "whole numbers, such as /api/v1/projects/12.");
            }
        }
        return Optional.empty();
    }

    private static boolean isWholeNumber(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String singular(String segment) {
        if (segment.endsWith("ches")) {
            return segment.substring(0, segment.length() - 2);
        }
        return segment.endsWith("s") ? segment.substring(0, segment.length() - 1) : segment;
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
