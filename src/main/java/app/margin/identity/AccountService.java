package app.margin.identity;

import app.margin.config.MarginConfig;
import app.margin.identity.session.BrowserSessions;
import app.margin.problem.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Local accounts: creation, disabling and password resets by an admin, the caller's own password change. Whatever
 * makes a session's sign-in stale (a new password, a disabled account) ends that account's sessions in the same
 * transaction.
 */
@ApplicationScoped
@Transactional
public class AccountService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,99}");

    private final CurrentCaller caller;
    private final MarginConfig config;
    private final BrowserSessions sessions;
    private final SecurityIdentity identity;

    AccountService(CurrentCaller caller, MarginConfig config, BrowserSessions sessions, SecurityIdentity identity) {
        this.caller = caller;
        this.config = config;
        this.sessions = sessions;
        this.identity = identity;
    }

    public AppUser create(String username, String password, String displayName, boolean admin) {
        requireAdmin();
        PasswordPolicy.requireAcceptable(username, password);
        return createUnchecked(username, password, displayName, admin);
    }

    /**
     * Used by start-up tasks (first admin, demo accounts), which run without a caller and take the operator's
     * configured password as it is (the demo's default is deliberately short).
     */
    public AppUser createUnchecked(String username, String password, String displayName, boolean admin) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.badRequest("A user name has 2 to 100 characters: letters, digits, '.', '_', '@' or '-'.");
        }
        if (AppUser.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("There is already an account named '" + username + "'.");
        }
        AppUser user = new AppUser();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password, config.bcryptCost());
        user.displayName = displayName == null || displayName.isBlank() ? username : displayName.strip();
        user.roles = admin ? AppUser.ROLE_USER + "," + AppUser.ROLE_ADMIN : AppUser.ROLE_USER;
        user.createdAt = Instant.now();
        user.persist();
        Log.infof("Account '%s' created%s", username, admin ? " (administrator)" : "");
        return user;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AppUser> list() {
        requireAdmin();
        return AppUser.list("order by username");
    }

    public void changeOwnPassword(String currentPassword, String newPassword) {
        AppUser me = AppUser.findById(caller.user().id);
        if (me.passwordHash == null || currentPassword == null
                || !BcryptUtil.matches(currentPassword, me.passwordHash)) {
            throw ProblemException.badRequest("The current password is wrong.");
        }
        PasswordPolicy.requireAcceptable(me.username, newPassword);
        me.passwordHash = BcryptUtil.bcryptHash(newPassword, config.bcryptCost());
        // whoever knew the old password may hold a session: all others end, the one that made the change stays
        int ended = sessions.endOthers(me.id, identity);
        Log.infof("Account '%s' changed its password; %d other sessions ended", me.username, ended);
    }

    /**
     * Disables or enables an account. Disabling ends its sessions at once and keeps its codings and memberships;
     * an administrator cannot disable themselves, nor the last enabled administrator (nobody could manage accounts).
     */
    public AppUser setEnabled(String username, boolean enabled) {
        AppUser admin = requireAdmin();
        AppUser user = existing(username);
        if (!enabled && user.enabled) {
            if (user.id.equals(admin.id)) {
                throw ProblemException.conflict("You cannot disable your own account. Ask another administrator.");
            }
            if (user.isAdmin() && enabledAdminsOtherThan(user) == 0) {
                throw ProblemException.conflict("'" + user.username + "' is the last enabled administrator; disabling "
                        + "it would leave nobody to manage accounts. Make another account an administrator first.");
            }
        }
        if (user.enabled != enabled) {
            user.enabled = enabled;
            int ended = enabled ? 0 : sessions.endAll(user.id);
            Log.infof("Account '%s' %s by '%s'%s", user.username, enabled ? "enabled" : "disabled", admin.username,
                    enabled ? "" : "; " + ended + " sessions ended");
        }
        return user;
    }

    /** Sets a new password for an account (it forgot its own); the account's sessions end. */
    public void resetPassword(String username, String newPassword) {
        AppUser admin = requireAdmin();
        AppUser user = existing(username);
        if (user.passwordHash == null) {
            throw ProblemException.conflict("'" + user.username + "' signs in through the identity provider and has "
                    + "no Margin password to reset.");
        }
        PasswordPolicy.requireAcceptable(user.username, newPassword);
        user.passwordHash = BcryptUtil.bcryptHash(newPassword, config.bcryptCost());
        int ended = user.id.equals(admin.id) ? sessions.endOthers(user.id, identity) : sessions.endAll(user.id);
        Log.infof("Password of account '%s' reset by '%s'; %d sessions ended", user.username, admin.username, ended);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return AppUser.count();
    }

    private AppUser requireAdmin() {
        AppUser me = caller.user();
        if (!me.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can manage accounts.");
        }
        return me;
    }

    private static AppUser existing(String username) {
        return AppUser.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("There is no account named '" + username + "'."));
    }

    /**
     * Locks the enabled accounts while counting, so that two administrators disabling each other at the same moment
     * cannot both succeed and leave none.
     */
    private static long enabledAdminsOtherThan(AppUser user) {
        List<AppUser> enabled = AppUser.<AppUser>find("enabled = true").withLock(LockModeType.PESSIMISTIC_WRITE).list();
        return enabled.stream().filter(u -> !u.id.equals(user.id) && u.isAdmin()).count();
    }
}
