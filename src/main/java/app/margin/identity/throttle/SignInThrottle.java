package app.margin.identity.throttle;

import app.margin.config.MarginConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Counts failed sign-ins per account and per client address and says how long the next attempt waits or whether it
 * is refused. An account's failures count only from addresses it has not signed in from: its user, back at an address
 * they signed in from before, is neither slowed nor locked by someone guessing elsewhere. A success from an address
 * forgets that address's failures. The counts live in bounded caches (the least used are dropped first), so spraying
 * user names or addresses cannot exhaust memory; with several instances each one counts on its own.
 */
@ApplicationScoped
public class SignInThrottle {
    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);
    /** Addresses remembered per account: a user's laptop, phone and office are a handful. */
    private static final int KNOWN_ADDRESSES = 8;
    private static final Duration KNOWN_FOR = Duration.ofDays(30);

    private final ThrottleClock clock;
    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final long forgetAfter;
    private final LockRule accountRule;
    private final LockRule addressRule;
    private final Cache<String, Strikes> accounts;
    private final Cache<String, Strikes> addresses;
    private final Cache<String, Set<String>> knownAddresses;

    SignInThrottle(MarginConfig config, ThrottleClock clock) {
        MarginConfig.Signin signin = config.signin();
        this.clock = clock;
        this.freeFailures = signin.freeFailures();
        this.firstDelay = signin.firstDelay();
        this.maxDelay = signin.maxDelay();
        this.forgetAfter = signin.forgetAfter().toMillis();
        this.accountRule = new LockRule(signin.account().lockAfter(), signin.account().lock(),
                signin.account().maxLock());
        this.addressRule = new LockRule(signin.address().lockAfter(), signin.address().lock(),
                signin.address().maxLock());
        Duration kept = signin.forgetAfter().plus(max(accountRule.maxLock(), addressRule.maxLock()));
        this.accounts = Caffeine.newBuilder().maximumSize(signin.maxTracked()).expireAfterAccess(kept).build();
        this.addresses = Caffeine.newBuilder().maximumSize(signin.maxTracked()).expireAfterAccess(kept).build();
        // Grows only with successful sign-ins, which a guesser cannot produce.
        this.knownAddresses = Caffeine.newBuilder().maximumSize(signin.maxTracked()).expireAfterAccess(KNOWN_FOR)
                .build();
    }

    /** Before checking a password of {@code user} (null when unknown) sent from {@code address}. */
    public Verdict check(String user, String address) {
        long now = clock.millis();
        Strikes fromAddress = current(addresses, address, now);
        if (fromAddress.lockedAt(now)) {
            return Verdict.locked(Verdict.Lock.ADDRESS, fromAddress.secondsLockedAt(now));
        }
        Strikes ofAccount = countsForAccount(user, address) ? current(accounts, key(user), now) : Strikes.NONE;
        if (ofAccount.lockedAt(now)) {
            return Verdict.locked(Verdict.Lock.ACCOUNT, ofAccount.secondsLockedAt(now));
        }
        return Verdict.after(max(delay(fromAddress.failures()), delay(ofAccount.failures())));
    }

    /** The password was wrong (or the account unknown). */
    public void failed(String user, String address) {
        long now = clock.millis();
        Strikes fromAddress = fail(addresses, address, now, addressRule);
        if (fromAddress != null) {
            LOG.warnf("Sign-ins from address %s are locked for %s after %d failed sign-ins (the last as '%s')",
                    address, minutes(fromAddress.lockedUntil() - now), addressRule.lockAfter(), printable(user));
        }
        if (countsForAccount(user, address)) {
            Strikes ofAccount = fail(accounts, key(user), now, accountRule);
            if (ofAccount != null) {
                LOG.warnf("Sign-ins as '%s' from addresses it has not signed in from are locked for %s after %d "
                        + "failed sign-ins (the last from %s)", printable(user),
                        minutes(ofAccount.lockedUntil() - now), accountRule.lockAfter(), address);
            }
        }
    }

    /** The password was right: the address's failures are forgotten and the address is one the account signs in from. */
    public void succeeded(String user, String address) {
        addresses.invalidate(address);
        if (user == null) {
            return;
        }
        knownAddresses.asMap().compute(key(user), (account, known) -> {
            if (known != null && known.contains(address)) {
                return known;
            }
            LinkedHashSet<String> more = known == null ? new LinkedHashSet<>() : new LinkedHashSet<>(known);
            more.add(address);
            while (more.size() > KNOWN_ADDRESSES) {
                more.remove(more.iterator().next());
            }
            return Set.copyOf(more);
        });
    }

    private boolean countsForAccount(String user, String address) {
        if (user == null) {
            return false;
        }
        Set<String> known = knownAddresses.getIfPresent(key(user));
        return known == null || !known.contains(address);
    }

    private Strikes current(Cache<String, Strikes> cache, String key, long now) {
        Strikes strikes = cache.getIfPresent(key);
        return strikes == null || strikes.forgottenAt(now, forgetAfter) ? Strikes.NONE : strikes;
    }

    /** Counts a failure; returns the new strikes if this failure started a lock, else null. */
    private Strikes fail(Cache<String, Strikes> cache, String key, long now, LockRule rule) {
        Strikes[] locked = new Strikes[1];
        cache.asMap().compute(key, (k, before) -> {
            Strikes from = before == null || before.forgottenAt(now, forgetAfter) ? Strikes.NONE : before;
            Strikes after = from.failedAt(now, rule);
            if (after.lockedAt(now) && !from.lockedAt(now)) {
                locked[0] = after;
            }
            return after;
        });
        return locked[0];
    }

    /** No wait for the first free failures, then the first delay doubling with each failure, up to the longest. */
    private Duration delay(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        Duration delay = firstDelay;
        for (int i = freeFailures; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return max(Duration.ZERO, delay.compareTo(maxDelay) < 0 ? delay : maxDelay);
    }

    /** User names are compared without case, so "Admin" and "admin" share their count. */
    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String minutes(long millis) {
        long minutes = Math.max(1, (millis + 59_999) / 60_000);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    /** A user name as typed by anyone: only printable characters, and not too many, reach the log. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        user.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE ? '?' : c));
        return user.codePointCount(0, user.length()) > 64 ? out + "…" : out.toString();
    }
}
