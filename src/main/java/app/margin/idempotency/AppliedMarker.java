package app.margin.idempotency;

import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;

/**
 * Marks a claimed key APPLIED inside each top-level transaction its request begins, so the mark commits exactly when
 * the change does. Then a request that fails after its change committed (or whose answer is lost when the server
 * stops) is never carried out a second time with the same key, and one that changed nothing can simply be sent again.
 */
@ApplicationScoped
class AppliedMarker {
    private final IdempotentRequest current;
    private final IdempotencyStore store;

    AppliedMarker(IdempotentRequest current, IdempotencyStore store) {
        this.current = current;
        this.store = store;
    }

    void transactionBegun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        if (!Arc.container().requestContext().isActive()) {
            return; // a background job or start-up task: no request, no key
        }
        IdempotencyStore.Key key = current.transactionBegun();
        if (key == null) {
            return;
        }
        try {
            store.markApplied(key);
        } catch (RuntimeException e) {
            // Never fail the request's own transaction for this: the key then only says less than it could.
            Log.warnf(e, "Could not mark idempotency key of user %d as applied", key.userId());
        }
    }

    void transactionEnded(@Observes @Destroyed(TransactionScoped.class) Object transaction) {
        if (Arc.container().requestContext().isActive()) {
            current.transactionEnded();
        }
    }
}
