package app.margin.identity.token;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer margin_pat_…}. It takes only bearer values with Margin's prefix and runs
 * before any other mechanism (quarkus-oidc's bearer check in the team profile among them), so Margin's tokens never
 * reach an identity provider and an identity provider's tokens never reach Margin's table. A refused token fails the
 * request (401 saying why) rather than leaving it anonymous: a script learns at once that its token no longer works.
 */
@ApplicationScoped
class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String BEARER = "bearer ";
    private static final String SCHEME = "margin-token";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = token(context.request().getHeader(HttpHeaderNames.AUTHORIZATION));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(token);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request)
                .onItem().invoke(identity -> context.put(HttpAuthenticationMechanism.class.getName(), this));
    }

    /** The token of a bearer header with Margin's prefix; anything else (Basic, an OIDC access token) is not ours. */
    static String token(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String value = authorization.substring(BEARER.length()).strip();
        return value.startsWith(TokenSecrets.PREFIX) ? value : null;
    }

    /** The 401 answer itself says what is wrong with the token (ProblemMappers); no challenge of its own. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }

    /** Above every built-in mechanism (Basic, form, and quarkus-oidc's, which sit at or just above the default). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }
}
