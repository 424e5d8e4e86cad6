package app.margin.identity.token;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** "Who does this API token sign in?", answered by {@link TokenIdentityProvider}. */
final class TokenAuthenticationRequest extends BaseAuthenticationRequest {
    private final String token;

    TokenAuthenticationRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
