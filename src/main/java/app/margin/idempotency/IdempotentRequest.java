package app.margin.idempotency;

import jakarta.enterprise.context.RequestScoped;

/**
 * The key the current request holds, between its claim and its answer, and how many of its transactions are open
 * (a transaction begun while another is open, such as a lookup in a new transaction after a failed insert, is not
 * the request's change). Synchronised: a request's work may begin transactions on more than one thread.
 */
@RequestScoped
class IdempotentRequest {
    private IdempotencyStore.Key key;
    private int openTransactions;

    synchronized void hold(IdempotencyStore.Key key) {
        this.key = key;
        this.openTransactions = 0;
    }

    /** Called before the answer is stored: the transactions that store it are not the request's change. */
    synchronized IdempotencyStore.Key release() {
        IdempotencyStore.Key held = key;
        key = null;
        return held;
    }

    /** The key when a transaction that begins now is the request's own (outermost) one, else null. */
    synchronized IdempotencyStore.Key transactionBegun() {
        return key != null && openTransactions++ == 0 ? key : null;
    }

    synchronized void transactionEnded() {
        if (key != null && openTransactions > 0) {
            openTransactions--;
        }
    }
}
