package app.margin.corpus;

import app.margin.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Attribute names are kept in one normal form (lower case, words joined by '_': "Arrival year" becomes
 * "arrival_year") so that a CSV header, a JSON key and a search filter such as {@code attr.arrival_year:} agree.
 */
public final class AttributeNames {
    private AttributeNames() {
    }

    public static String normalise(String name) {
        String normal = name == null ? "" : name.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        if (normal.isEmpty()) {
            throw ProblemException.badRequest("An attribute needs a name made of letters or digits; ‘" + name + "’ has none.");
        }
        return normal.length() > 100 ? normal.substring(0, 100) : normal;
    }

    public static Map<String, String> normaliseAll(Map<String, String> attributes) {
        Map<String, String> normal = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                normal.put(normalise(k), v.strip());
            }
        });
        return normal;
    }
}
