package app.margin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Margin's own settings ({@code margin.*}); each one is listed in the README. */
@ConfigMapping(prefix = "margin")
public interface MarginConfig {

    /** Where the embedded database and, later, the search indexes live ({@code MARGIN_DATA_DIR}). */
    @WithDefault("./data")
    String dataDir();

    /** Password of the first admin on a fresh database ({@code MARGIN_ADMIN_PASSWORD}); random and logged once if empty. */
    Optional<String> adminPassword();

    Demo demo();

    /**
     * How long a search index that could not be written (a full or read-only disk) is left alone before the next
     * search tries again; searches in that project answer 503 with {@code Retry-After} meanwhile.
     */
    @WithDefault("15s")
    java.time.Duration indexRetryDelay();

    /**
     * How often this instance asks the database which projects changed beyond its search indexes, and brings those
     * up to date: changes made through another Margin instance on the same database reach this one's searches and
     * co-occurrence within about this time. {@code 0s} stops it: application.properties turns it on in {@code team}
     * only, since one embedded instance has nothing to follow.
     */
    @WithDefault("500ms")
    java.time.Duration indexFollowInterval();

    /**
     * How long a project's search index may go unused (no search, no change) before its writer is committed and
     * closed, releasing its memory (a 64 MB indexing buffer at most) and files; the next search or change opens it
     * again. {@code 0s} keeps every index open.
     */
    @WithDefault("PT10M")
    java.time.Duration indexIdleClose();

    /**
     * When this JVM's collector is G1 and nobody chose otherwise ({@code -XX:G1PeriodicGCInterval}), how long Margin
     * may sit without a collection before G1 runs one and gives the heap it no longer needs back to the operating
     * system (README "Start-up and memory"). {@code 0s} leaves the JVM's default (never).
     */
    @WithDefault("15s")
    java.time.Duration idleHeapCollection();

    /** bcrypt cost factor for new password hashes (each step doubles the work of checking a password). */
    @WithDefault("10")
    int bcryptCost();

    @WithName("import")
    Import importing();

    Exchange exchange();

    Search search();

    Backup backup();

    Idempotency idempotency();

    Session session();

    /** Slowing down password guessing (see app.margin.identity.throttle and the README's "Sign-in throttling"). */
    Signin signin();

    /** Single sign-on through an identity provider (team profile; see app.margin.identity.oidc). */
    Oidc oidc();

    /** Local accounts (user name and password checked by Margin). */
    LocalAccounts localAccounts();

    /**
     * Which claims of an identity provider's tokens say who a user is. A user's Margin account is made from them at
     * the first sign-in and updated at each later one; project roles stay in Margin's database.
     */
    interface Oidc {
        /** The claim holding the user name (Margin's {@code username}); a token without it is refused. */
        @WithDefault("preferred_username")
        String usernameClaim();

        /** The claim holding the display name (cut to 200 characters). */
        @WithDefault("name")
        String nameClaim();

        /** The claim holding the e-mail address (left out when longer than 320 characters). */
        @WithDefault("email")
        String emailClaim();

        /**
         * The claim listing the user's groups; a group {@code margin:<projectId>:<ROLE>} makes the user a member of
         * that project with that role if they are not one yet (nothing is removed). Empty: groups are ignored.
         */
        Optional<String> groupsClaim();

        /**
         * A role in the token (Keycloak: a realm role) that makes the user an administrator of this Margin; without
         * it an OIDC user is not one. Empty: administrators are not taken from the token.
         */
        @WithDefault("margin-admin")
        Optional<String> adminRole();

        /** The name of the identity provider on the sign-in page's button ("Sign in with ..."). */
        @WithDefault("single sign-on")
        String providerName();
    }

    interface LocalAccounts {
        /**
         * Whether user names and passwords (the sign-in form, HTTP Basic) are accepted. On in the embedded default,
         * off in the team profile, where people sign in through the identity provider ({@code MARGIN_LOCAL_ACCOUNTS}).
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Demo {
        /** Load the demo project from sample-corpus/ with its demo accounts ({@code MARGIN_DEMO}). */
        @WithDefault("true")
        boolean enabled();

        /** Password of demo-supervisor, demo-coder1 and demo-coder2 ({@code MARGIN_DEMO_PASSWORD}). */
        @WithDefault("demo")
        String password();
    }

    interface Import {
        /** Largest single file accepted by an import, in bytes (default 50 MiB). */
        @WithDefault("52428800")
        long maxFileSize();

        /** Most files accepted in one import request. */
        @WithDefault("200")
        int maxFiles();
    }

    /** Limits of REFI-QDA (.qdpx) imports: an archive over any of them is refused before it is unpacked further. */
    interface Exchange {
        /** Most entries (files and folders) in one .qdpx archive. */
        @WithDefault("10000")
        int maxEntries();

        /** Largest expanded size of one entry, in bytes (default 100 MiB). */
        @WithDefault("104857600")
        long maxEntrySize();

        /** Largest expanded size of the entries one import reads (project.qde and its texts), bytes (128 MiB). */
        @WithDefault("134217728")
        long maxTotalSize();

        /** Largest ratio of expanded to compressed size of an entry larger than 1 MiB (a zip bomb is ~1000:1). */
        @WithDefault("100")
        int maxRatio();

        /**
         * Most bytes all running imports may hold inflated together (default 256 MiB; the heap needs a few times
         * this); an import that would go over is refused with 503 and Retry-After.
         */
        @WithDefault("268435456")
        long maxInflatedInFlight();
    }

    /** What one search may cost (see app.margin.search.QueryLimits); a query over a limit is a 400 saying what to simplify. */
    interface Search {
        /** Most characters in a query. */
        @WithDefault("10000")
        int maxQueryLength();

        /** Deepest nesting of brackets in a query (Lucene's parser recurses once per bracket). */
        @WithDefault("32")
        int maxQueryDepth();

        /** Most words and filters in a query (AND, OR, NOT not counted). */
        @WithDefault("500")
        int maxQueryClauses();

        /** Most fuzzy words (word~) in a query: each is compared with every word of the index. */
        @WithDefault("10")
        int maxFuzzyTerms();

        /** Longest fuzzy word, in characters: the cost of fuzzy matching grows with the word's length. */
        @WithDefault("30")
        int maxFuzzyLength();

        /** Most words with * or ? in a query. */
        @WithDefault("50")
        int maxWildcardTerms();

        /** Longest a search may run (finding hits, their lines, auto-coding extents, word counts) before it is stopped. */
        @WithDefault("10s")
        java.time.Duration timeBudget();
    }

    /** Online backups of the whole installation (embedded H2); see docs/backup.md. */
    interface Backup {
        /**
         * Where backups are written ({@code MARGIN_BACKUP_DIR}); {@code <data-dir>/backups} when unset. Put it on
         * another disk to survive the loss of the data disk; it holds participants' interviews, so keep it private.
         */
        Optional<String> dir();
    }

    /** Changing requests sent with an Idempotency-Key header (see app.margin.idempotency). */
    interface Idempotency {
        /**
         * How long a key and its stored answer are kept (ISO-8601 duration): a repeat within it gets the stored answer,
         * a repeat after it is carried out as a new request.
         */
        @WithDefault("PT24H")
        java.time.Duration retention();
    }

    /** Browser sessions (sign-in through the sign-in page); see app.margin.identity.session. */
    interface Session {
        /** A session not used for this long ends (ISO-8601 duration); the next request goes to the sign-in page. */
        @WithDefault("PT2H")
        java.time.Duration idleTimeout();

        /** A session ends this long after signing in, however busy it is (ISO-8601 duration). */
        @WithDefault("PT12H")
        java.time.Duration lifetime();
    }

    /**
     * Failed sign-ins (the sign-in form and HTTP Basic) are counted per account and per client address. After
     * {@link #freeFailures()} failures each further attempt waits, from {@link #firstDelay()} doubling up to
     * {@link #maxDelay()}; after a rule's {@code lock-after} failures the account or address is locked (429 with
     * Retry-After), each further lock twice as long up to the rule's {@code max-lock}.
     */
    interface Signin {
        /** Failures (per account and per address) that are answered without delay. */
        @WithDefault("3")
        int freeFailures();

        /** Wait before the first attempt after the free failures; doubled for each further failure. */
        @WithDefault("1s")
        java.time.Duration firstDelay();

        /** Longest wait before an attempt is checked. */
        @WithDefault("8s")
        java.time.Duration maxDelay();

        /** Failures, and how long the last lock was, are forgotten this long after the last failure or lock. */
        @WithDefault("1h")
        java.time.Duration forgetAfter();

        /** Most accounts and most addresses remembered; the least used are forgotten first (bounds memory). */
        @WithDefault("100000")
        int maxTracked();

        /**
         * An account, for the addresses it has not signed in from: short and bounded, since anyone can cause it; its
         * user is not affected at an address they signed in from before.
         */
        AccountLock account();

        /** A client address, for every account: longer, since only that address's own failures cause it. */
        AddressLock address();

        interface AccountLock {
            /** Failures (from addresses the account has not signed in from) that lock the account. */
            @WithDefault("10")
            int lockAfter();

            /** How long the first lock lasts; each further lock doubles the last. */
            @WithDefault("5m")
            java.time.Duration lock();

            /** Longest lock of an account. */
            @WithDefault("30m")
            java.time.Duration maxLock();
        }

        interface AddressLock {
            /** Failures (for any accounts) that lock a client address; a success from it forgets them. */
            @WithDefault("30")
            int lockAfter();

            /** How long the first lock lasts; each further lock doubles the last. */
            @WithDefault("15m")
            java.time.Duration lock();

            /** Longest lock of an address. */
            @WithDefault("24h")
            java.time.Duration maxLock();
        }
    }
}
