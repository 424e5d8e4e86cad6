package app.margin.coding;

import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.problem.ProblemException;
import java.util.Map;

/**
 * Which coding layers a member sees: SUPERVISOR and OWNER see every coder's layer; everyone else sees their own
 * layer and the master layer. (Blind agreement rounds will narrow this further in the agreement feature.)
 */
final class LayerVisibility {
    private LayerVisibility() {
    }

    static boolean mayView(Grant grant, Coding coding) {
        return grant.can(Permission.SEE_ALL_LAYERS) || coding.coderId == grant.userId()
                || coding.layer == CodingLayer.MASTER;
    }

    static void requireMayView(Grant grant, long coderId) {
        if (!grant.can(Permission.SEE_ALL_LAYERS) && coderId != grant.userId()) {
            throw ProblemException.forbidden("Only supervisors and owners can see other coders' codings.");
        }
    }

    /** A JPQL condition (with its parameters) limiting a coding query to the visible layers. */
    static String restriction(Grant grant, Map<String, Object> params) {
        if (grant.can(Permission.SEE_ALL_LAYERS)) {
            return "";
        }
        params.put("me", grant.userId());
        params.put("master", CodingLayer.MASTER);
        return " and (coderId = :me or layer = :master)";
    }
}
