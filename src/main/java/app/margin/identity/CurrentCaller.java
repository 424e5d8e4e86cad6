package app.margin.identity;

import app.margin.identity.oidc.OidcSignIn;
import app.margin.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling, as an {@link AppUser}. The one place that turns a security identity (a local account checked by
 * HTTP Basic or a form login, or an identity provider's token, whose account app.margin.identity.oidc keeps) into Margin's user: features depend on this, never on the
 * mechanism that authenticated the request.
 */
@RequestScoped
public class CurrentCaller {
    /**
     * The account's id, as an identity attribute, when the mechanism read the account's row in this same request (a
     * browser session's lookup, which requires an enabled account): the account is then loaded by its key rather than
     * looked up by name again. Nothing about the account is kept beyond the request.
     */
    public static final String USER_ID = "margin.user-id";

    private final SecurityIdentity identity;
    private AppUser user;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Transactional
    public AppUser user() {
        if (user == null) {
            if (identity.isAnonymous()) {
                throw new io.quarkus.security.UnauthorizedException();
            }
            // A browser session from the identity provider whose account may not use Margin (see OidcIdentityAugmentor)
            Optional<String> refusal = OidcSignIn.refusal(identity);
            if (refusal.isPresent()) {
                throw ProblemException.forbidden(refusal.get());
            }
            String name = identity.getPrincipal().getName();
            Long id = identity.getAttribute(USER_ID);
            AppUser byId = id == null ? null : AppUser.findById(id);
            user = byId != null ? byId : AppUser.findByUsername(name).orElseGet(() -> provisionExternal(name));
        }
        return user;
    }

    /** A user authenticated elsewhere (an identity provider) gets a password-less row on first sight. */
    private AppUser provisionExternal(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.forbidden("Your sign-in did not say who you are.");
        }
        AppUser external = new AppUser();
        external.username = name;
        external.displayName = name;
        external.roles = AppUser.ROLE_USER;
        external.createdAt = Instant.now();
        external.persist();
        return external;
    }

    /**
     * Lets a start-up task (the demo project) act as a seeded account inside an activated request context, one
     * account after another. Refused when a real caller is signed in, so a request can never change who it is.
     */
    public void assume(AppUser seeded) {
        if (!identity.isAnonymous()) {
            throw new IllegalStateException("A signed-in request cannot assume another user");
        }
        this.user = seeded;
    }

    public String username() {
        return user().username;
    }

    public long userId() {
        return user().id;
    }
}
