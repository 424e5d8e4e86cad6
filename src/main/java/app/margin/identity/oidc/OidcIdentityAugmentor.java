package app.margin.identity.oidc;

import app.margin.config.MarginConfig;
import app.margin.identity.AccountDisabled;
import app.margin.identity.AppUser;
import app.margin.identity.SignInRefused;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified OIDC identity (a bearer token, or the browser's code-flow session) into Margin's user: the account
 * is made or updated from the claims, a disabled account is refused, and the identity's name becomes the Margin user
 * name whatever the provider's principal was. A bearer request that is refused fails (401, or 403 for a disabled
 * account). A browser sign-in is marked as refused instead of failing: a failure there would send the browser back to
 * the identity provider, which would send it straight back again; {@link OidcSignInResource} and
 * {@link app.margin.identity.CurrentCaller} answer the mark.
 */
@ApplicationScoped
class OidcIdentityAugmentor implements SecurityIdentityAugmentor {
    /** Identity attribute: this identity came from the identity provider. */
    static final String FROM_OIDC = OidcSignIn.FROM_OIDC;

    private final OidcUsers users;
    private final MarginConfig.Oidc config;

    OidcIdentityAugmentor(OidcUsers users, MarginConfig config) {
        this.users = users;
        this.config = config.oidc();
    }

    /** Before DisabledAccountCheck, which leaves identities from the identity provider to this one. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        boolean browser = identity.getCredential(IdTokenCredential.class) != null;
        return context.runBlocking(() -> {
            AppUser user;
            try {
                user = users.sync(OidcClaims.of(token, identity.getRoles(), config));
            } catch (OidcClaims.Refused refused) {
                if (!browser) {
                    throw SignInRefused.exception(refused.getMessage());
                }
                return marked(identity, refused.getMessage());
            }
            if (!user.enabled) {
                if (!browser) {
                    throw AccountDisabled.exception();
                }
                return marked(identity, AccountDisabled.MESSAGE);
            }
            return QuarkusSecurityIdentity.builder(identity).setPrincipal(new QuarkusPrincipal(user.username))
                    .addRoles(new java.util.HashSet<>(Arrays.asList(user.roles.split(","))))
                    .addAttribute(FROM_OIDC, Boolean.TRUE).build();
        });
    }

    private static SecurityIdentity marked(SecurityIdentity identity, String refusal) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(FROM_OIDC, Boolean.TRUE)
                .addAttribute(OidcSignIn.REFUSED, refusal).build();
    }
}
