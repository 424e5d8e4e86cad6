package app.margin.identity;

import app.margin.config.MarginConfig;
import app.margin.problem.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Local accounts: creation by an admin, the caller's own password change. */
@ApplicationScoped
@Transactional
public class AccountService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,99}");

    private final CurrentCaller caller;
    private final MarginConfig config;

    AccountService(CurrentCaller caller, MarginConfig config) {
        this.caller = caller;
        this.config = config;
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
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return AppUser.count();
    }

    private void requireAdmin() {
        if (!caller.user().isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can manage accounts.");
        }
    }
}
