package app.margin.identity;

import app.margin.problem.TextLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Password-less accounts that only carry the name of whoever made imported codings (a REFI-QDA file's users). Their
 * user names contain ':', which local user names cannot, so a named coder never is, nor shadows, an account that
 * signs in; they have no roles and no password.
 */
@ApplicationScoped
@Transactional
public class NamedCoders {
    /** The named coder's account id, created the first time the name is seen. */
    public long findOrCreate(String username, String displayName) {
        if (username == null || username.indexOf(':') < 1 || username.length() > TextLimits.USERNAME) {
            throw new IllegalArgumentException("a named coder's user name has a prefix and ':' and fits the column");
        }
        return AppUser.findByUsername(username).orElseGet(() -> {
            AppUser coder = new AppUser();
            coder.username = username;
            coder.displayName = displayName.length() > TextLimits.DISPLAY_NAME
                    ? displayName.substring(0, TextLimits.DISPLAY_NAME) : displayName;
            coder.roles = "";
            coder.createdAt = Instant.now();
            coder.persist();
            return coder;
        }).id;
    }
}
