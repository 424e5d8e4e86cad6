package app.margin.identity.throttle;

import java.time.Duration;

/** What to do with a sign-in attempt before its password is checked: check it after a delay, or refuse it (locked). */
public record Verdict(Duration delay, Lock lock, long retryAfterSeconds) {
    public enum Lock { NONE, ACCOUNT, ADDRESS }

    static Verdict after(Duration delay) {
        return new Verdict(delay, Lock.NONE, 0);
    }

    static Verdict locked(Lock lock, long retryAfterSeconds) {
        return new Verdict(Duration.ZERO, lock, retryAfterSeconds);
    }

    public boolean locked() {
        return lock != Lock.NONE;
    }
}
