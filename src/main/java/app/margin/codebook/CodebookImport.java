package app.margin.codebook;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.problem.ProblemException;
import app.margin.problem.TextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A whole code tree added at once (a REFI-QDA import), under the rules of {@link CodebookService#create}: the
 * caller may edit the codebook, names are present, fit and are unique among their siblings. (A definition from another
 * tool is kept whole even beyond the REST API's limit, as the column allows: a file is not refused for it.) Colours
 * default as in the file formats Margin reads: the parent's colour, else the palette in tree order. No audit event
 * per code: the import records one event for the whole project.
 */
@ApplicationScoped
@Transactional
public class CodebookImport {
    /** One code of the tree; {@code key} is the caller's name for it (e.g. a GUID), to find its id afterwards. */
    public record ImportedCode(String key, String name, String definition, String inclusion, String exclusion,
            String example, String color, List<ImportedCode> children) {
    }

    private final ProjectAccess access;

    CodebookImport(ProjectAccess access) {
        this.access = access;
    }

    /** Adds the codes as top-level codes with their sub-codes; returns each key's new code id. */
    public Map<String, Long> importTree(long projectId, List<ImportedCode> roots) {
        access.require(projectId, Permission.EDIT_CODEBOOK);
        Map<String, Long> ids = new HashMap<>();
        Set<String> topLevel = new HashSet<>();
        Code.children(projectId, null).forEach(c -> topLevel.add(c.name.toLowerCase(Locale.ROOT)));
        store(projectId, roots, null, topLevel, ids, new int[] {0});
        return ids;
    }

    private static void store(long projectId, List<ImportedCode> codes, Code parent, Set<String> siblings,
            Map<String, Long> ids, int[] count) {
        for (ImportedCode c : codes) {
            String name = c.name() == null ? "" : c.name().strip();
            if (name.isEmpty() || name.length() > TextLimits.CODE_NAME) {
                throw ProblemException.badRequest("A code needs a name of at most " + TextLimits.CODE_NAME
                        + " characters.");
            }
            if (!siblings.add(name.toLowerCase(Locale.ROOT))) {
                throw ProblemException.conflict("There is already a code named ‘" + name + "’ "
                        + (parent == null ? "at the top level" : "under the same parent") + ".");
            }
            Code code = new Code();
            code.projectId = projectId;
            code.parentId = parent == null ? null : parent.id;
            code.name = name;
            code.definition = c.definition();
            code.inclusion = c.inclusion();
            code.exclusion = c.exclusion();
            code.example = c.example();
            // A code the file gives no colour gets what one made in the browser gets: a sub-code a shade of its
            // parent's hue (readable, and telling siblings apart), a top-level code the palette's next colour.
            code.color = c.color() != null ? c.color()
                    : parent != null ? CodeColors.forNewCode(null, parent, siblings.size() - 1)
                    : CodeColors.PALETTE.get(count[0] % CodeColors.PALETTE.size());
            code.createdAt = Instant.now();
            code.persist();
            count[0]++;
            ids.put(c.key(), code.id);
            store(projectId, c.children(), code, new HashSet<>(), ids, count);
        }
    }
}
