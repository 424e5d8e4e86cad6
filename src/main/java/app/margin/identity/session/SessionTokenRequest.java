package app.margin.identity.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** "Who does this session cookie sign in?", answered by {@link SessionIdentityProvider}. */
final class SessionTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    SessionTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
