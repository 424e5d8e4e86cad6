package app.margin.identity.throttle;

import java.time.Duration;

/** When failures lock (an account or an address) and for how long: the first lock, doubled on each repeat, capped. */
record LockRule(int lockAfter, Duration firstLock, Duration maxLock) {

    /** How long the {@code nth} lock (1, 2, ...) lasts. */
    Duration lock(int nth) {
        Duration lock = firstLock;
        for (int i = 1; i < nth && lock.compareTo(maxLock) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxLock) < 0 ? lock : maxLock;
    }
}
