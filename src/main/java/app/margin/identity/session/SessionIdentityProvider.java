package app.margin.identity.session;

import app.margin.identity.CurrentCaller;
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
 * Turns a session token into the signed-in account, from the database (off the event loop). An unknown or ended
 * session gives no identity, which Quarkus reports as a failed authentication.
 */
@ApplicationScoped
class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {
    private final BrowserSessions sessions;

    SessionIdentityProvider(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.find(request.token()).map(SessionIdentityProvider::identity)
                .orElse(null));
    }

    private static SecurityIdentity identity(BrowserSessions.SignedIn session) {
        Set<String> roles = Arrays.stream(session.roles().split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toSet());
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(session.username()))
                .addRoles(roles).addAttribute(BrowserSessions.SESSION_ID, session.sessionId())
                .addAttribute(CurrentCaller.USER_ID, session.userId()).build();
    }
}
