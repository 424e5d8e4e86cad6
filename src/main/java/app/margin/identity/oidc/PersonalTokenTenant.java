package app.margin.identity.oidc;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps quarkus-oidc away from Margin's own API tokens ({@code Authorization: Bearer margin_pat_...}): such a request
 * goes to the tenant {@value #TENANT}, which is disabled (application.properties), so the OIDC mechanism passes it on
 * to Margin's token mechanism instead of refusing a token it cannot verify. Every other request uses the default
 * tenant, the identity provider.
 */
@ApplicationScoped
class PersonalTokenTenant implements TenantResolver {
    static final String TENANT = "margin-pat";
    /** The prefix of Margin's API tokens; anything else after "Bearer " is the identity provider's. */
    static final String PREFIX = "margin_pat_";

    @Override
    public String resolve(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        boolean personalToken = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.substring(7).strip().startsWith(PREFIX);
        return personalToken ? TENANT : null;
    }
}
