package app.margin.identity.throttle;

/**
 * Failed sign-ins of one account or one address: failures since the last lock, locks so far (each lasts twice the
 * one before), the time of the last failure and until when it is locked (milliseconds of {@link ThrottleClock}).
 */
record Strikes(int failures, int locks, long lastFailure, long lockedUntil) {
    static final Strikes NONE = new Strikes(0, 0, 0, 0);

    boolean lockedAt(long now) {
        return lockedUntil > now;
    }

    /** True once nothing happened for {@code forgetAfter} milliseconds after the last failure or lock. */
    boolean forgottenAt(long now, long forgetAfter) {
        return now - Math.max(lastFailure, lockedUntil) > forgetAfter;
    }

    /** One more failure; the one that reaches the rule's count locks (and starts the count again). */
    Strikes failedAt(long now, LockRule rule) {
        if (lockedAt(now)) {
            return this; // an attempt that raced the lock: the lock already answers for it
        }
        if (failures + 1 < rule.lockAfter()) {
            return new Strikes(failures + 1, locks, now, lockedUntil);
        }
        return new Strikes(0, locks + 1, now, now + rule.lock(locks + 1).toMillis());
    }

    long secondsLockedAt(long now) {
        return Math.max(1, (lockedUntil - now + 999) / 1000);
    }
}
