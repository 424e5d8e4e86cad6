package app.margin.identity.session;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates requests that carry the {@code margin-session} cookie, beside HTTP Basic. A cookie whose session has
 * ended (signed out, expired, the account disabled) signs no one in: the request is anonymous, so the API answers
 * 401 and the page goes to the sign-in page; the browser is told to forget the cookie.
 */
@ApplicationScoped
class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String SCHEME = "margin-session";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        SessionTokenRequest request = new SessionTokenRequest(cookie.getValue());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request)
                .onItem().invoke(identity -> context.put(HttpAuthenticationMechanism.class.getName(), this))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    if (!context.response().headWritten()) {
                        SessionCookie.clear(context.request(), context.response());
                    }
                    return null;
                });
    }

    /** No challenge of its own: the sign-in page is where a browser goes, and scripts get Basic's challenge. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, SessionCookie.NAME,
                SCHEME));
    }
}
