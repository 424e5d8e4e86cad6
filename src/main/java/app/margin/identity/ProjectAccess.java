package app.margin.identity;

import app.margin.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The single check every project-scoped service makes before it reads or writes. A caller who is not a member
 * gets 404, exactly as for a project that does not exist, so a project's existence is never revealed; a member
 * whose role lacks the permission gets 403.
 */
@ApplicationScoped
public class ProjectAccess {
    private final CurrentCaller caller;
    private final EntityManager em;

    ProjectAccess(CurrentCaller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    /** The caller's grant on a project, or 404 / 403. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grant require(long projectId, Permission permission) {
        AppUser user = caller.user();
        ProjectRole role = roleOf(projectId, user.id);
        if (role == null) {
            throw ProblemException.notFound("There is no project " + projectId + " that you are a member of.");
        }
        if (!role.allows(permission)) {
            throw ProblemException.forbidden(refusal(role, permission));
        }
        return new Grant(projectId, user, role);
    }

    /**
     * A member's grant on a project without a request (a live event stream deciding, per change, whether its member
     * may see it): null when the user is no longer a member, so a removed member hears nothing more.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grant grantOf(long projectId, long userId) {
        AppUser user = em.find(AppUser.class, userId);
        ProjectRole role = user == null ? null : roleOf(projectId, userId);
        return role == null ? null : new Grant(projectId, user, role);
    }

    private ProjectRole roleOf(long projectId, long userId) {
        List<ProjectRole> roles = em.createQuery(
                        "select m.role from Membership m where m.projectId = :p and m.userId = :u", ProjectRole.class)
                .setParameter("p", projectId)
                .setParameter("u", userId)
                .getResultList();
        return roles.isEmpty() ? null : roles.getFirst();
    }

    private static String refusal(ProjectRole role, Permission permission) {
        String action = switch (permission) {
            case READ -> "see this project";
            case CODE -> "code documents or write memos";
            case SEE_ALL_LAYERS -> "see other coders' codings";
            case EDIT_CODEBOOK -> "change the codebook";
            case MANAGE_CORPUS -> "import documents or change case attributes";
            case ADJUDICATE -> "run agreement rounds or adjudicate into the master layer";
            case READ_AUDIT -> "read the audit log";
            case MANAGE_MEMBERS -> "manage members or rename the project";
            case DELETE -> "delete this";
        };
        return "As a " + role.name().toLowerCase() + " of this project you cannot " + action + ".";
    }

    /** What the caller may do in one project. */
    public record Grant(long projectId, AppUser user, ProjectRole role) {
        public boolean can(Permission permission) {
            return role.allows(permission);
        }

        public long userId() {
            return user.id;
        }

        public String username() {
            return user.username;
        }
    }
}
