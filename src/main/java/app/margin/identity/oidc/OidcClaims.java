package app.margin.identity.oidc;

import app.margin.config.MarginConfig;
import app.margin.problem.TextLimits;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a verified token says about its user, read through the configured claim names ({@code margin.oidc.*}). A user
 * name that is missing or longer than Margin's column is refused; a display name is cut to its column; an e-mail
 * address that does not fit is left out (a cut address would be wrong).
 */
record OidcClaims(String username, String displayName, String email, List<String> groups, boolean admin) {

    /** The token cannot become a Margin user; {@code detail} says why, in words the user can pass on. */
    static final class Refused extends Exception {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    static OidcClaims of(JsonWebToken token, Set<String> roles, MarginConfig.Oidc config) throws Refused {
        String username = text(token, config.usernameClaim()).orElseThrow(() -> new Refused("Your sign-in did not say "
                + "who you are: the identity provider's token has no '" + config.usernameClaim() + "' claim. Ask the "
                + "administrator to check margin.oidc.username-claim."));
        if (username.length() > TextLimits.USERNAME) {
            throw new Refused("Your user name from the identity provider is " + username.length() + " characters long; "
                    + "Margin takes at most " + TextLimits.USERNAME + ".");
        }
        String name = text(token, config.nameClaim()).map(n -> cut(n, TextLimits.DISPLAY_NAME)).orElse(username);
        String email = text(token, config.emailClaim()).filter(e -> e.length() <= TextLimits.EMAIL).orElse(null);
        List<String> groups = config.groupsClaim().filter(c -> !c.isBlank()).map(c -> strings(token.getClaim(c)))
                .orElse(List.of());
        boolean admin = config.adminRole().filter(r -> !r.isBlank()).map(roles::contains).orElse(false);
        return new OidcClaims(username, name, email, groups, admin);
    }

    private static Optional<String> text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        String text = value == null ? null : unquoted(value.toString()).strip();
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** jose4j hands JSON strings back as JsonString, whose toString keeps the quotes. */
    private static String unquoted(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(v -> unquoted(v.toString())).toList();
        }
        return claim == null ? List.of() : List.of(unquoted(claim.toString()));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
