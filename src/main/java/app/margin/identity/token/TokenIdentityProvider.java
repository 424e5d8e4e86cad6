package app.margin.identity.token;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an API token into its user, from the database (off the event loop). A token that signs no one in fails the
 * authentication with the reason (unknown, revoked, expired, account disabled).
 */
@ApplicationScoped
class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final ApiTokens tokens;

    TokenIdentityProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> identity(tokens.authenticate(request.token())));
    }

    private static SecurityIdentity identity(ApiTokens.SignedIn token) {
        Set<String> roles = Arrays.stream(token.roles().split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toSet());
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(token.username()))
                .addRoles(roles).addAttribute(ApiTokens.TOKEN_ID, token.tokenId()).build();
    }
}
