package app.margin.identity;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Tells OpenAPI clients (and the Swagger UI's "Authorize" dialog) the three ways a caller proves who it is; any one
 * of them is enough for every operation (what it may then do is {@link ProjectAccess}'s business).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiSecuritySchemes implements OASFilter {
    static final String TOKEN = "bearerToken";
    static final String BASIC = "basicAuth";
    static final String SESSION = "sessionCookie";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(TOKEN, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").description("A personal API token (margin_pat_…, made on the API tokens "
                                + "page or POST /api/v1/me/tokens) or, where single sign-on is on, an access token "
                                + "from the identity provider."))
                .addSecurityScheme(BASIC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("basic").description("A local account's user name and password (only where local "
                                + "accounts are enabled; checked with bcrypt on every request, so slower than a token)."))
                .addSecurityScheme(SESSION, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE).name("margin-session").description("The browser's session "
                                + "after signing in on /login.html; changing requests must also send the header "
                                + "X-Margin-Request."));
        openAPI.security(java.util.List.of(
                OASFactory.createSecurityRequirement().addScheme(TOKEN),
                OASFactory.createSecurityRequirement().addScheme(BASIC),
                OASFactory.createSecurityRequirement().addScheme(SESSION)));
    }
}
