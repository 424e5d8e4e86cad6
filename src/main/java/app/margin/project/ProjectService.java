package app.margin.project;

import app.margin.audit.AuditLog;
import app.margin.change.ChangeFeed;
import app.margin.change.IndexChange.ProjectDeleted;
import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.identity.Permission;
import app.margin.identity.ProjectAccess;
import app.margin.identity.ProjectAccess.Grant;
import app.margin.identity.ProjectRole;
import app.margin.problem.ProblemException;
import app.margin.project.ProjectDtos.CreateProjectRequest;
import app.margin.project.ProjectDtos.MemberView;
import app.margin.project.ProjectDtos.ProjectView;
import app.margin.project.ProjectDtos.UpdateProjectRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Project lifecycle and membership. */
@ApplicationScoped
@Transactional
public class ProjectService {
    private final CurrentCaller caller;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final EntityManager em;
    private final List<ProjectDataOwner> owners;

    ProjectService(CurrentCaller caller, ProjectAccess access, AuditLog audit, ChangeFeed changes, EntityManager em,
            @Any Instance<ProjectDataOwner> owners) {
        this.caller = caller;
        this.access = access;
        this.audit = audit;
        this.changes = changes;
        this.em = em;
        this.owners = owners.stream().sorted(Comparator.comparing(ProjectDataOwner::part)).toList();
    }

    /** Whether this installation holds any project at all (for start-up tasks; reveals nothing about any). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyExists() {
        return Project.count() > 0;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectView> mine() {
        List<Object[]> rows = em.createQuery("select p, m.role from Project p, Membership m "
                        + "where m.projectId = p.id and m.userId = :u order by p.name, p.id", Object[].class)
                .setParameter("u", caller.userId())
                .getResultList();
        return rows.stream().map(r -> view((Project) r[0], (ProjectRole) r[1])).toList();
    }

    public ProjectView create(CreateProjectRequest request) {
        AppUser me = caller.user();
        Project project = new Project();
        project.name = request.name().strip();
        project.description = request.description();
        project.createdAt = Instant.now();
        project.createdBy = me.id;
        project.persist();
        addMembership(project.id, me.id, ProjectRole.OWNER);
        audit.record(project.id, me.username, "project.created", "PROJECT", project.id, null,
                Map.of("name", project.name));
        return view(project, ProjectRole.OWNER);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectView get(long projectId) {
        Grant grant = access.require(projectId, Permission.READ);
        return view(Project.findById(projectId), grant.role());
    }

    public ProjectView update(long projectId, UpdateProjectRequest request) {
        Grant grant = access.require(projectId, Permission.MANAGE_MEMBERS);
        Project project = Project.findById(projectId);
        if (project.version != request.version()) {
            throw ProblemException.staleVersion("The project");
        }
        Map<String, Object> before = Map.of("name", project.name);
        project.name = request.name().strip();
        project.description = request.description();
        em.flush();
        audit.record(projectId, grant.username(), "project.updated", "PROJECT", projectId, before,
                Map.of("name", project.name));
        return view(project, grant.role());
    }

    /**
     * Deleting a project asks each feature to remove its rows, in {@link ProjectDataOwner.Part} order, then removes
     * the memberships and the project; the audit log is kept on purpose.
     */
    public void delete(long projectId) {
        Grant grant = access.require(projectId, Permission.DELETE);
        Project project = Project.findById(projectId);
        long seq = audit.record(projectId, grant.username(), "project.deleted", "PROJECT", projectId,
                Map.of("name", project.name), null);
        changes.publish(seq, new ProjectDeleted(projectId));
        em.flush();
        em.clear();
        for (ProjectDataOwner owner : owners) {
            owner.removeProjectData(projectId);
        }
        em.createNativeQuery("delete from membership where project_id = ?1").setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("delete from project where id = ?1").setParameter(1, projectId).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MemberView> members(long projectId) {
        access.require(projectId, Permission.READ);
        return em.createQuery("select new app.margin.project.ProjectDtos$MemberView(u.id, u.username, "
                        + "u.displayName, m.role) from Membership m, AppUser u where m.userId = u.id "
                        + "and m.projectId = :p order by u.username", MemberView.class)
                .setParameter("p", projectId)
                .getResultList();
    }

    /** Adds a user named by user name or, for accounts from the identity provider, by e-mail address. */
    public MemberView addMember(long projectId, String usernameOrEmail, ProjectRole role) {
        Grant grant = access.require(projectId, Permission.MANAGE_MEMBERS);
        AppUser user = userNamedOrAddressed(usernameOrEmail);
        if (Membership.find(projectId, user.id).isPresent()) {
            throw ProblemException.conflict(user.username + " is already a member of this project; change their role instead.");
        }
        addMembership(projectId, user.id, role);
        audit.record(projectId, grant.username(), "member.added", "MEMBER", user.id, null,
                Map.of("username", user.username, "role", role));
        return new MemberView(user.id, user.username, user.displayName, role);
    }

    public MemberView changeRole(long projectId, String username, ProjectRole role) {
        Grant grant = access.require(projectId, Permission.MANAGE_MEMBERS);
        AppUser user = existingUser(username);
        Membership membership = memberOrNotFound(projectId, user, username);
        ProjectRole before = membership.role;
        if (before == ProjectRole.OWNER && role != ProjectRole.OWNER) {
            requireAnotherOwner(projectId);
        }
        membership.role = role;
        audit.record(projectId, grant.username(), "member.role-changed", "MEMBER", user.id,
                Map.of("username", username, "role", before), Map.of("username", username, "role", role));
        return new MemberView(user.id, user.username, user.displayName, role);
    }

    public void removeMember(long projectId, String username) {
        Grant grant = access.require(projectId, Permission.MANAGE_MEMBERS);
        AppUser user = existingUser(username);
        Membership membership = memberOrNotFound(projectId, user, username);
        if (membership.role == ProjectRole.OWNER) {
            requireAnotherOwner(projectId);
        }
        membership.delete();
        audit.record(projectId, grant.username(), "member.removed", "MEMBER", user.id,
                Map.of("username", username, "role", membership.role), null);
    }

    /** Used by start-up tasks that seed a project (the demo) without a signed-in owner. */
    public void addMembership(long projectId, long userId, ProjectRole role) {
        Membership membership = new Membership();
        membership.projectId = projectId;
        membership.userId = userId;
        membership.role = role;
        membership.createdAt = Instant.now();
        membership.persist();
    }

    private static AppUser userNamedOrAddressed(String usernameOrEmail) {
        Optional<AppUser> named = AppUser.findByUsername(usernameOrEmail);
        if (named.isPresent() || !usernameOrEmail.contains("@")) {
            return named.orElseThrow(() -> noSuchUser(usernameOrEmail));
        }
        List<AppUser> addressed = AppUser.withEmail(usernameOrEmail);
        if (addressed.size() > 1) {
            throw ProblemException.conflict("Several accounts have the e-mail address '" + usernameOrEmail
                    + "'; add the person by their user name instead.");
        }
        return addressed.stream().findFirst().orElseThrow(() -> noSuchUser(usernameOrEmail));
    }

    private static ProblemException noSuchUser(String usernameOrEmail) {
        return ProblemException.notFound("There is no user named '" + usernameOrEmail + "'"
                + (usernameOrEmail.contains("@") ? " and none with that e-mail address" : "")
                + ". An administrator can create the account first.");
    }

    private static AppUser existingUser(String username) {
        return AppUser.findByUsername(username).orElseThrow(() -> ProblemException.notFound(
                "There is no user named '" + username + "'. An administrator can create the account first."));
    }

    private static Membership memberOrNotFound(long projectId, AppUser user, String username) {
        return Membership.find(projectId, user.id).orElseThrow(
                () -> ProblemException.notFound(username + " is not a member of this project."));
    }

    private static void requireAnotherOwner(long projectId) {
        if (Membership.count("projectId = ?1 and role = ?2", projectId, ProjectRole.OWNER) < 2) {
            throw ProblemException.conflict("A project needs at least one owner: make someone else an owner first.");
        }
    }

    private static ProjectView view(Project p, ProjectRole role) {
        return new ProjectView(p.id, p.name, p.description, role, p.createdAt, p.version);
    }
}
