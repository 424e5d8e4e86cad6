package app.margin.identity.session;

import app.margin.config.MarginConfig;
import app.margin.identity.SecretTokens;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The table browser_session: opening a session at sign-in, finding the one a cookie names, and ending sessions.
 * Nothing is kept in memory, so every instance of a team installation sees the same sessions and an ended session
 * is refused everywhere at once.
 */
@ApplicationScoped
public class BrowserSessions {
    /** The identity attribute holding the session's id, for requests that came with a session cookie. */
    public static final String SESSION_ID = "margin.session-id";
    /** A session's last use is written at most this often: not a database write per request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** Ended sessions are deleted at most this often per instance, by the sign-in that finds the time has come. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    /** A live session and whom it signs in. */
    record SignedIn(long sessionId, long userId, String username, String roles) {
    }

    private final EntityManager em;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final AtomicLong nextPurge = new AtomicLong();

    BrowserSessions(EntityManager em, MarginConfig config) {
        this.em = em;
        this.idleTimeout = config.session().idleTimeout();
        this.lifetime = config.session().lifetime();
    }

    /**
     * A new session for an account that has just proved its password; returns the token for the cookie, or nothing
     * when the account was disabled (or removed) in the meantime.
     */
    @Transactional
    Optional<String> open(String username) {
        purgeEndedWhenDue();
        Instant now = Instant.now();
        String token = SecretTokens.newSecret();
        int made = em.createNativeQuery("insert into browser_session (token_hash, user_id, created_at, last_seen_at, "
                        + "expires_at) select ?1, id, ?2, ?2, ?3 from app_user where username = ?4 and enabled = true")
                .setParameter(1, SecretTokens.digest(token)).setParameter(2, now).setParameter(3, now.plus(lifetime))
                .setParameter(4, username).executeUpdate();
        return made == 1 ? Optional.of(token) : Optional.empty();
    }

    /**
     * The live session the token names, if any: not ended, not idle for longer than the idle timeout, not past its
     * lifetime, and of an enabled account. Records its use when the last record is older than {@link #TOUCH_EVERY}.
     */
    @Transactional
    Optional<SignedIn> find(String token) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.id, s.last_seen_at, s.expires_at, u.username, u.roles, u.id "
                        + "from browser_session s join app_user u on u.id = s.user_id "
                        + "where s.token_hash = ?1 and u.enabled = true")
                .setParameter(1, SecretTokens.digest(token)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        long id = ((Number) row[0]).longValue();
        Instant lastSeen = instant(row[1]);
        Instant now = Instant.now();
        if (!now.isBefore(instant(row[2])) || !now.isBefore(lastSeen.plus(idleTimeout))) {
            return Optional.empty();
        }
        if (!now.isBefore(lastSeen.plus(TOUCH_EVERY))) {
            em.createNativeQuery("update browser_session set last_seen_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, id).executeUpdate();
        }
        return Optional.of(new SignedIn(id, ((Number) row[5]).longValue(), (String) row[3], (String) row[4]));
    }

    /** Ends the session the token names (signing out); nothing happens for an unknown token. */
    @Transactional
    public void close(String token) {
        em.createNativeQuery("delete from browser_session where token_hash = ?1")
                .setParameter(1, SecretTokens.digest(token)).executeUpdate();
    }

    /** Ends every session of the account (disabled, or its password reset by an administrator). */
    @Transactional
    public int endAll(long userId) {
        return em.createNativeQuery("delete from browser_session where user_id = ?1")
                .setParameter(1, userId).executeUpdate();
    }

    /**
     * Ends every session of the account except the one this request came with (a password change keeps the session
     * that made it); with HTTP Basic there is none to keep, and all end.
     */
    @Transactional
    public int endOthers(long userId, SecurityIdentity caller) {
        Long keep = caller.getAttribute(SESSION_ID);
        if (keep == null) {
            return endAll(userId);
        }
        return em.createNativeQuery("delete from browser_session where user_id = ?1 and id <> ?2")
                .setParameter(1, userId).setParameter(2, keep).executeUpdate();
    }

    private void purgeEndedWhenDue() {
        long now = System.currentTimeMillis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
            return;
        }
        Instant at = Instant.now();
        int purged = em.createNativeQuery("delete from browser_session where expires_at <= ?1 or last_seen_at <= ?2")
                .setParameter(1, at).setParameter(2, at.minus(idleTimeout)).executeUpdate();
        Log.debugf("Deleted %d ended browser sessions", purged);
    }

    /** H2 and PostgreSQL hand "timestamp with time zone" back as different Java types. */
    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            case java.time.ZonedDateTime z -> z.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
        };
    }
}
