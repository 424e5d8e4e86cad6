package app.margin.identity;

import app.margin.identity.oidc.OidcSignIn;
import app.margin.identity.session.BrowserSessions;
import app.margin.identity.token.ApiTokens;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Refuses a disabled account whatever proved its password (HTTP Basic, the sign-in form): quarkus-security-jpa checks
 * only the password. Session identities are already checked by their own lookup (a disabled account has no
 * sessions left, and the lookup requires an enabled account), and so are API tokens' (their lookup refuses a
 * disabled account); identities from the identity provider are checked by app.margin.identity.oidc.
 */
@ApplicationScoped
class DisabledAccountCheck implements SecurityIdentityAugmentor {
    private final Lookup lookup;

    DisabledAccountCheck(Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(BrowserSessions.SESSION_ID) != null
                || identity.getAttribute(ApiTokens.TOKEN_ID) != null || OidcSignIn.isFromOidc(identity)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (lookup.isDisabled(identity.getPrincipal().getName())) {
                throw AccountDisabled.exception();
            }
            return identity;
        });
    }

    @ApplicationScoped
    static class Lookup {
        /** True only for an existing account that is disabled (a user of an identity provider may have no row yet). */
        @Transactional
        boolean isDisabled(String username) {
            return AppUser.count("username = ?1 and enabled = false", username) > 0;
        }
    }
}
