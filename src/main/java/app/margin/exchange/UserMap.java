package app.margin.exchange;

import app.margin.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which users of a .qdpx file the importer claims as Margin accounts: {@code userMap} entries
 * {@code <file user's GUID or name>=<Margin user name>}, one per form field or line. Without an entry a file's user
 * becomes a named coder ({@code qdpx:<name>}) even when a Margin account has the same name: a name in a file proves
 * nothing, and codings must not become a real person's work because a file says so. The new project has one member,
 * the importer, so the importer is the only account a file's user can be mapped to; others join (and code) after.
 */
final class UserMap {
    private UserMap() {
    }

    /** Field values → {file user's GUID or name → Margin user name}. Pure: no database. */
    static Map<String, String> parse(List<String> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String field : fields == null ? List.<String>of() : fields) {
            for (String line : field.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.lastIndexOf('='); // Margin user names have no '='; a file's user name might
                if (eq <= 0 || eq == line.length() - 1) {
                    throw ProblemException.badRequest("Write each userMap entry as <user GUID or name in the file>="
                            + "<your Margin user name> (got ‘" + clip(line.strip()) + "’).").with("field", "userMap");
                }
                map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return map;
    }

    /**
     * The file's users (GUID → name) that the map gives to the importer.
     *
     * @throws ProblemException 400 when an entry names no user of the file or an account other than the importer
     */
    static java.util.Set<String> claimed(Map<String, String> map, Map<String, String> fileUsers, String importer) {
        java.util.Set<String> claimed = new java.util.LinkedHashSet<>();
        map.forEach((key, username) -> {
            if (!username.equals(importer)) {
                throw ProblemException.badRequest("userMap can give a user of the file only to you (" + importer
                        + "): the new project has no other members. ‘" + clip(username) + "’ can be added as a "
                        + "member after the import.").with("field", "userMap");
            }
            String guid = QdaXml.normaliseGuid(key);
            List<String> matching = fileUsers.entrySet().stream()
                    .filter(u -> u.getKey().equals(guid) || u.getValue().equals(key)).map(Map.Entry::getKey).toList();
            if (matching.isEmpty()) {
                throw ProblemException.badRequest("userMap names ‘" + clip(key) + "’, but the file has no user with "
                        + "that GUID or name.").with("field", "userMap");
            }
            claimed.addAll(matching);
        });
        return claimed;
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
