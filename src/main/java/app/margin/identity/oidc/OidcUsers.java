package app.margin.identity.oidc;

import app.margin.audit.AuditLog;
import app.margin.identity.AppUser;
import app.margin.identity.ProjectRole;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the Margin account of an identity provider's user in step with their token: made at the first sign-in,
 * display name, e-mail and the administrator flag updated at later ones (only when they changed: no write per
 * request), memberships seeded from groups {@code margin:<projectId>:<ROLE>} (in the project's audit log as
 * {@code member.added} by the user, "from" the identity provider group).
 */
@ApplicationScoped
class OidcUsers {
    /** Keycloak writes group paths with a leading slash when "full group path" is on; both forms are accepted. */
    private static final Pattern PROJECT_GROUP = Pattern.compile("/?margin:(\\d{1,18}):([A-Za-z]+)");

    private final EntityManager em;
    private final AuditLog audit;

    OidcUsers(EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
    }

    /**
     * The account for these claims, made or brought up to date; the caller checks {@link AppUser#enabled}. A local
     * account (one with a password) of the same name is never taken over: whoever names the users at the identity
     * provider must not become, say, the local {@code admin}.
     */
    @Transactional
    AppUser sync(OidcClaims claims) throws OidcClaims.Refused {
        AppUser user = AppUser.findByUsername(claims.username()).orElse(null);
        if (user != null && user.passwordHash != null) {
            throw new OidcClaims.Refused("Your user name from the identity provider, " + claims.username() + ", "
                    + "belongs to a local account of this Margin. Ask the administrator to rename one of them.");
        }
        if (user == null) {
            user = new AppUser();
            user.username = claims.username();
            user.createdAt = Instant.now();
            user.roles = roles(claims.admin());
            user.displayName = claims.displayName();
            user.email = claims.email();
            user.persist();
            Log.infof("Made the account of identity-provider user id %d on first sign-in", user.id);
        } else if (user.enabled) {
            update(user, claims);
        }
        if (user.enabled) {
            seedMemberships(user, claims);
        }
        return user;
    }

    private static void update(AppUser user, OidcClaims claims) {
        if (!Objects.equals(user.displayName, claims.displayName())) {
            user.displayName = claims.displayName();
        }
        if (!Objects.equals(user.email, claims.email())) {
            user.email = claims.email();
        }
        String roles = roles(claims.admin());
        if (!roles.equals(user.roles)) {
            user.roles = roles;
        }
    }

    private static String roles(boolean admin) {
        return admin ? AppUser.ROLE_USER + "," + AppUser.ROLE_ADMIN : AppUser.ROLE_USER;
    }

    private void seedMemberships(AppUser user, OidcClaims claims) {
        for (String group : claims.groups()) {
            Matcher m = PROJECT_GROUP.matcher(group.strip());
            if (!m.matches()) {
                continue;
            }
            ProjectRole role;
            try {
                role = ProjectRole.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                Log.debugf("Ignored a project group with an unknown role for user id %d", user.id);
                continue;
            }
            long projectId = Long.parseLong(m.group(1));
            // Only a project that exists, and only when the user has no role there yet: roles set in Margin win.
            int made = em.createNativeQuery("insert into membership (project_id, user_id, role, created_at) "
                            + "select p.id, ?2, ?3, ?4 from project p where p.id = ?1 and not exists "
                            + "(select 1 from membership m where m.project_id = p.id and m.user_id = ?2)")
                    .setParameter(1, projectId).setParameter(2, user.id).setParameter(3, role.name())
                    .setParameter(4, Instant.now()).executeUpdate();
            if (made > 0) {
                audit.record(projectId, user.username, "member.added", "MEMBER", user.id, null,
                        Map.of("username", user.username, "role", role, "from", "identity provider group"));
                Log.infof("Made user id %d a %s of project %d from their identity provider group", user.id, role,
                        projectId);
            }
        }
    }
}
