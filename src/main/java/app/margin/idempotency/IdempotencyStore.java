package app.margin.idempotency;

import app.margin.config.MarginConfig;
import app.margin.problem.SqlFailures;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The table idempotency_key: one row per user and key. Each step that must be seen by other requests at once (the
 * claim, the answer, the release) commits in a transaction of its own; only {@link #markApplied} runs inside the
 * request's own transaction, so that "applied" is recorded exactly when the change is.
 */
@ApplicationScoped
class IdempotencyStore {
    /** Larger answers are not kept (a repeat is told the request was carried out); creating requests answer far less. */
    static final int MAX_BODY_CHARS = 500_000;
    /** Expired keys are deleted at most this often per instance, by the request that finds the time has come. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    enum State { PENDING, APPLIED, DONE }

    record Key(long userId, String keyHash) {
    }

    /** A stored row: what request claimed the key, and (when DONE) its answer; body null when it was not kept. */
    record Row(String method, String path, String requestHash, State state, Integer status, String contentType,
            String location, String body) {
    }

    private final EntityManager em;
    private final Duration retention;
    private final AtomicLong nextPurge = new AtomicLong();

    IdempotencyStore(EntityManager em, MarginConfig config) {
        this.em = em;
        this.retention = config.idempotency().retention();
    }

    /**
     * Claims the key for this request (state PENDING); false when the user already holds the key, or another request
     * is claiming it this instant. An expired row of the same key is replaced.
     */
    boolean tryClaim(Key key, String method, String path, String requestHash) {
        purgeExpiredWhenDue();
        Instant now = Instant.now();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("delete from idempotency_key where user_id = ?1 and key_hash = ?2 and expires_at <= ?3")
                        .setParameter(1, key.userId()).setParameter(2, key.keyHash()).setParameter(3, now)
                        .executeUpdate();
                em.createNativeQuery("insert into idempotency_key (user_id, key_hash, method, path, request_hash, state, "
                                + "created_at, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                        .setParameter(1, key.userId()).setParameter(2, key.keyHash()).setParameter(3, method)
                        .setParameter(4, clip(path, 2000)).setParameter(5, requestHash)
                        .setParameter(6, State.PENDING.name()).setParameter(7, now)
                        .setParameter(8, now.plus(retention)).executeUpdate();
            });
            return true;
        } catch (RuntimeException e) {
            if (SqlFailures.isUniqueViolation(e) || SqlFailures.isConcurrentWrite(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The live (not expired) row of a key, read in a transaction of its own so it sees what others committed. */
    Optional<Row> find(Key key) {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select method, path, request_hash, state, status, content_type, "
                            + "location, body from idempotency_key where user_id = ?1 and key_hash = ?2 and expires_at > ?3")
                    .setParameter(1, key.userId()).setParameter(2, key.keyHash()).setParameter(3, now).getResultList();
            return rows.stream().findFirst().map(r -> new Row((String) r[0], (String) r[1], (String) r[2],
                    State.valueOf((String) r[3]), r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5],
                    (String) r[6], (String) r[7]));
        });
    }

    /** Inside the request's transaction: if it commits, the key says that the change was made. */
    void markApplied(Key key) {
        em.createNativeQuery("update idempotency_key set state = ?3 where user_id = ?1 and key_hash = ?2 and state = ?4")
                .setParameter(1, key.userId()).setParameter(2, key.keyHash()).setParameter(3, State.APPLIED.name())
                .setParameter(4, State.PENDING.name()).executeUpdate();
    }

    /** Stores the answer; body null when it could not be kept (a repeat is then told the request was carried out). */
    void complete(Key key, int status, String contentType, String location, String body) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update idempotency_key set state = ?3, "
                        + "status = ?4, content_type = ?5, location = ?6, body = ?7 where user_id = ?1 and key_hash = ?2")
                .setParameter(1, key.userId()).setParameter(2, key.keyHash()).setParameter(3, State.DONE.name())
                .setParameter(4, status).setParameter(5, clip(contentType, 200)).setParameter(6, clip(location, 2000))
                .setParameter(7, body).executeUpdate());
    }

    /** Forgets the key if no transaction of its request committed, so that sending it again tries again; else false. */
    boolean releaseIfNothingApplied(Key key) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "delete from idempotency_key where user_id = ?1 and key_hash = ?2 and state = ?3")
                .setParameter(1, key.userId()).setParameter(2, key.keyHash()).setParameter(3, State.PENDING.name())
                .executeUpdate()) > 0;
    }

    private void purgeExpiredWhenDue() {
        long now = System.currentTimeMillis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
            return;
        }
        try {
            int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "delete from idempotency_key where expires_at <= ?1")
                    .setParameter(1, Instant.now()).executeUpdate());
            Log.debugf("Deleted %d expired idempotency keys", purged);
        } catch (RuntimeException e) {
            Log.warnf(e, "Deleting expired idempotency keys failed; the next request after %s tries again", PURGE_EVERY);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
