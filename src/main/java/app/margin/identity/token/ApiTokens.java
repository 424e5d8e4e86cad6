package app.margin.identity.token;

import app.margin.identity.AppUser;
import app.margin.identity.CurrentCaller;
import app.margin.problem.ProblemException;
import app.margin.problem.TextCharacters;
import app.margin.problem.TextLimits;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The table api_token: creating a token for the caller, listing and revoking the caller's tokens (or, for an
 * administrator, anyone's), and finding the user a presented token signs in. Nothing is kept in memory, so a revoked
 * token is refused on every instance at once.
 */
@ApplicationScoped
public class ApiTokens {
    /** The identity attribute holding the token's id, for requests that came with an API token. */
    public static final String TOKEN_ID = "margin.api-token-id";
    /** A token's last use is written at most this often: not a database write per request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** Tokens a user may hold at once: enough for every script, not a table that grows without end. */
    static final int MAX_ACTIVE = 100;
    static final int MAX_DAYS = 3650;
    static final int NAME_LENGTH = 100;
    /** How long a revoked or expired token is still answered "revoked" or "expired" rather than "unknown". */
    static final Duration KEEP_ENDED = Duration.ofDays(90);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A token as its owner sees it: everything except the secret. */
    public record TokenView(long id, String name, String hint, Instant createdAt, Instant lastUsedAt,
            Instant expiresAt, boolean expired) {
    }

    /** A new token: the only time its secret is shown. */
    public record CreatedToken(long id, String name, String hint, Instant createdAt, Instant expiresAt, String token) {
    }

    /** Whom a presented token signs in. */
    record SignedIn(long tokenId, String username, String roles) {
    }

    private final EntityManager em;
    private final CurrentCaller caller;
    private final SecurityIdentity identity;

    ApiTokens(EntityManager em, CurrentCaller caller, SecurityIdentity identity) {
        this.em = em;
        this.caller = caller;
        this.identity = identity;
    }

    /**
     * A new token for the caller, expiring at the end of {@code expiresOn} (UTC), or after {@code expiresInDays} days,
     * or never when neither is given.
     */
    @Transactional
    public CreatedToken createForCaller(String name, LocalDate expiresOn, Integer expiresInDays) {
        requireNotToken();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw ProblemException.badRequest("Give the token a name that says what it is for, e.g. 'import script'.");
        }
        TextLimits.require("name", cleanName, NAME_LENGTH);
        TextCharacters.require("name", cleanName);
        Instant now = Instant.now();
        Instant expiresAt = expiry(expiresOn, expiresInDays, now);
        AppUser me = caller.user();
        // the account's long-ended tokens go, so creating and revoking in a loop cannot grow the table without end
        em.createNativeQuery("delete from api_token where user_id = ?1 and (revoked_at < ?2 or expires_at < ?2)")
                .setParameter(1, me.id).setParameter(2, now.minus(KEEP_ENDED)).executeUpdate();
        long active = ((Number) em.createNativeQuery("select count(*) from api_token where user_id = ?1 and revoked_at "
                + "is null and (expires_at is null or expires_at > ?2)").setParameter(1, me.id).setParameter(2, now)
                .getSingleResult()).longValue();
        if (active >= MAX_ACTIVE) {
            throw ProblemException.conflict("You have " + MAX_ACTIVE + " API tokens, the most one account may hold. "
                    + "Revoke the ones you no longer use, then create this one.");
        }
        CreatedToken created = create(me.id, cleanName, expiresAt);
        Log.infof("API token %d created for '%s'", created.id(), me.username);
        return created;
    }

    /** Stores a new token as given, without the checks of {@link #createForCaller} (tests make expired ones). */
    @Transactional
    CreatedToken create(long userId, String name, Instant expiresAt) {
        String token = TokenSecrets.newToken();
        Instant now = Instant.now();
        em.createNativeQuery("insert into api_token (user_id, name, hint, token_hash, created_at, expires_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, userId).setParameter(2, name).setParameter(3, TokenSecrets.hint(token))
                .setParameter(4, TokenSecrets.hash(token)).setParameter(5, now).setParameter(6, expiresAt)
                .executeUpdate();
        long id = ((Number) em.createNativeQuery("select id from api_token where token_hash = ?1")
                .setParameter(1, TokenSecrets.hash(token)).getSingleResult()).longValue();
        return new CreatedToken(id, name, TokenSecrets.hint(token), now, expiresAt, token);
    }

    /** The caller's tokens that are not revoked, newest first; expired ones stay listed (marked) until revoked. */
    @Transactional
    public List<TokenView> mine() {
        requireNotToken();
        return of(caller.user().id);
    }

    /** Revokes one of the caller's tokens; another user's token, or a revoked one, is not found. */
    @Transactional
    public void revokeMine(long tokenId) {
        requireNotToken();
        AppUser me = caller.user();
        revoke(me.id, tokenId);
        Log.infof("API token %d of '%s' revoked by its owner", tokenId, me.username);
    }

    /** An account's tokens (administrators). */
    @Transactional
    public List<TokenView> ofUser(String username) {
        return of(userForAdmin(username).id);
    }

    /** Revokes one of an account's tokens (administrators). */
    @Transactional
    public void revokeOfUser(String username, long tokenId) {
        AppUser user = userForAdmin(username);
        revoke(user.id, tokenId);
        Log.infof("API token %d of '%s' revoked by administrator '%s'", tokenId, user.username, caller.username());
    }

    /**
     * The user a presented token signs in, refusing (with the reason) a token that is unknown, revoked or expired,
     * and a disabled account's. Costs one SHA-256 and one lookup by unique index; records the use at most once a
     * minute.
     */
    @Transactional
    SignedIn authenticate(String token) {
        if (!TokenSecrets.wellFormed(token)) {
            throw TokenRefused.exception(unknown());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.last_used_at, t.expires_at, t.revoked_at, "
                        + "u.username, u.roles, u.enabled from api_token t join app_user u on u.id = t.user_id "
                        + "where t.token_hash = ?1")
                .setParameter(1, TokenSecrets.hash(token)).getResultList();
        if (rows.isEmpty()) {
            throw TokenRefused.exception(unknown());
        }
        Object[] row = rows.get(0);
        long id = ((Number) row[0]).longValue();
        Instant now = Instant.now();
        if (row[3] != null) {
            throw TokenRefused.exception("This API token was revoked on " + WHEN.format(instant(row[3]))
                    + ". Create a new one on Margin's API tokens page.");
        }
        if (row[2] != null && !now.isBefore(instant(row[2]))) {
            throw TokenRefused.exception("This API token expired on " + WHEN.format(instant(row[2]))
                    + ". Create a new one on Margin's API tokens page.");
        }
        if (!Boolean.TRUE.equals(row[6])) {
            throw app.margin.identity.AccountDisabled.exception();
        }
        if (row[1] == null || !now.isBefore(instant(row[1]).plus(TOUCH_EVERY))) {
            em.createNativeQuery("update api_token set last_used_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, id).executeUpdate();
        }
        return new SignedIn(id, (String) row[4], (String) row[5]);
    }

    private List<TokenView> of(long userId) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name, hint, created_at, last_used_at, expires_at "
                        + "from api_token where user_id = ?1 and revoked_at is null order by created_at desc, id desc")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> {
            Instant expires = r[5] == null ? null : instant(r[5]);
            return new TokenView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], instant(r[3]),
                    r[4] == null ? null : instant(r[4]), expires, expires != null && !now.isBefore(expires));
        }).toList();
    }

    private void revoke(long userId, long tokenId) {
        int revoked = em.createNativeQuery("update api_token set revoked_at = ?1 where id = ?2 and user_id = ?3 "
                        + "and revoked_at is null")
                .setParameter(1, Instant.now()).setParameter(2, tokenId).setParameter(3, userId).executeUpdate();
        if (revoked == 0) {
            throw ProblemException.notFound("There is no API token " + tokenId + " to revoke.");
        }
    }

    /**
     * Tokens are managed with a password (the browser session, HTTP Basic), not with a token: a leaked token cannot
     * mint successors that outlive its revocation, nor revoke its owner's other tokens.
     */
    private void requireNotToken() {
        if (identity.getAttribute(TOKEN_ID) != null) {
            throw ProblemException.forbidden("API tokens are managed on Margin's API tokens page or with your password "
                    + "(HTTP Basic), not with an API token.");
        }
    }

    private AppUser userForAdmin(String username) {
        requireNotToken();
        if (!caller.user().isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can see or revoke another account's API tokens.");
        }
        return AppUser.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("There is no account named '" + username + "'."));
    }

    private static Instant expiry(LocalDate expiresOn, Integer expiresInDays, Instant now) {
        if (expiresOn != null && expiresInDays != null) {
            throw ProblemException.badRequest("Give either 'expiresOn' (a date) or 'expiresInDays', not both.");
        }
        if (expiresInDays != null) {
            if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
                throw ProblemException.badRequest("'expiresInDays' is a number of days from 1 to " + MAX_DAYS
                        + "; leave it out for a token that does not expire.");
            }
            return now.plus(Duration.ofDays(expiresInDays));
        }
        if (expiresOn != null) {
            Instant end = expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!end.isAfter(now)) {
                throw ProblemException.badRequest("'expiresOn' is in the past; choose today or a later date.");
            }
            if (end.isAfter(now.plus(Duration.ofDays(MAX_DAYS + 1)))) {
                throw ProblemException.badRequest("'expiresOn' may be at most " + MAX_DAYS + " days ahead.");
            }
            return end;
        }
        return null;
    }

    private static String unknown() {
        return "This API token is not known to Margin. Check that it was copied whole (it starts with "
                + TokenSecrets.PREFIX + "), or create a new one on Margin's API tokens page.";
    }

    /** H2 and PostgreSQL hand "timestamp with time zone" back as different Java types. */
    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            case ZonedDateTime z -> z.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
        };
    }
}
