package app.margin.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claimed key is marked APPLIED inside the request's own transaction: so exactly when a change commits, never by
 * a transaction that rolls back, nor by one begun inside another (a lookup in a new transaction).
 */
@QuarkusTest
class AppliedMarkerTest {
    @Inject
    IdempotencyStore store;
    @Inject
    IdempotentRequest current;
    @Inject
    EntityManager em;

    IdempotencyStore.Key key;

    @BeforeEach
    void claim() {
        String user = Api.newUser("marker");
        long userId = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from app_user where username = ?1").setParameter(1, user).getSingleResult()).longValue());
        key = new IdempotencyStore.Key(userId, RequestFingerprint.ofKey(UUID.randomUUID().toString()));
        assertTrue(store.tryClaim(key, "POST", "/api/v1/anything", "request-hash"));
        assertFalse(store.tryClaim(key, "POST", "/api/v1/anything", "request-hash"), "a key is claimed once");
    }

    @Test
    @ActivateRequestContext
    void aRolledBackTransactionLeavesTheKeyPendingAndACommittedOneMarksIt() {
        current.hold(key);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            throw new IllegalStateException("the change failed");
        }));
        assertEquals("PENDING", stateAfterRelease());

        current.hold(key);
        QuarkusTransaction.requiringNew().run(() -> {
        });
        assertEquals("APPLIED", stateAfterRelease());
    }

    @Test
    @ActivateRequestContext
    void aTransactionBegunInsideTheRequestsOwnIsNotItsChange() {
        current.hold(key);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            QuarkusTransaction.requiringNew().run(() -> {
            }); // committed, but not the change
            throw new IllegalStateException("the change failed");
        }));
        assertEquals("PENDING", stateAfterRelease());
        assertTrue(store.releaseIfNothingApplied(key), "nothing applied: the key is free again");
    }

    /** Releases the key first: the transaction that reads would otherwise count as the request's own. */
    private String stateAfterRelease() {
        current.release();
        return store.find(key).orElseThrow().state().name();
    }
}
