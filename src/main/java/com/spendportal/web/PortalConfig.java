package com.spendportal.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** The portal's own settings, {@code portal.*}; each has its row in docs/operations.md (DocsTest). */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    /** Where the H2 file, the generated keys and backups live. */
    @WithDefault("./data")
    String dataDir();

    /** Base64 AES key (16, 24 or 32 bytes) that encrypts stored API keys; generated when unset. */
    String secretKey();

    Admin admin();

    /**
     * bcrypt's cost (2 to this power rounds; 4 to 31) for the password hashes made from now on: a stored hash keeps the
     * cost it was made with.
     */
    @WithDefault("10")
    int passwordCost();

    Wallet wallet();

    Jobs jobs();

    Session session();

    /** Load the demo accounts at start. */
    @WithDefault("false")
    boolean demo();

    /** The portal's address as its users reach it, for links in alert e-mails. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    Alerts alerts();

    Sso sso();

    Metrics metrics();

    Anomaly anomaly();

    Statements statements();

    Pdfs pdf();

    PageCache pageCache();

    /** Rendered page parts kept as text ({@link CachedText}). */
    interface PageCache {
        /** Megabytes the kept parts may take; the least recently used go first. */
        @WithDefault("32")
        long maxSizeMb();
    }

    /** Statement and plan PDFs (web.Pdf reads these once, at its first PDF). */
    interface Pdfs {
        /** How many PDFs are laid out at once; each holds its whole layout in memory until it is written. */
        @WithDefault("2")
        int maxConcurrent();

        /** How long a PDF waits for its turn before the answer is 503 "busy, try again" (a mail tries again later). */
        @WithDefault("60s")
        Duration maxWait();
    }

    /** The monthly statement mail (DESIGN §16). */
    interface Statements {
        /** The time of day (UTC) on the first of a month from which the month that just closed is mailed. */
        @WithDefault("06:00")
        LocalTime sendAt();

        /**
         * Accounts per mail: with more, the month goes out as several mails (1 of N, ...), each with its accounts' PDF
         * and CSV, so that no mail grows past what mail servers accept.
         */
        @WithDefault("40")
        int accountsPerMail();

        /** How often an instance looks for subscribers still waiting for the month's mail. */
        @WithDefault("1m")
        Duration checkInterval();
    }

    /** Daily spend and spikes (DESIGN §15). */
    interface Anomaly {
        /** {@code k}: how many scaled median absolute deviations above the median a spike is. */
        @WithDefault("3.5")
        BigDecimal madFactor();

        /** A spike is also at least this many percent above the median. */
        @WithDefault("50")
        BigDecimal minIncreasePct();

        /** A spike is also at least this many dollars above the median. */
        @WithDefault("50")
        BigDecimal minUsd();

        /** Two readings further apart than this make the days between them unknown. */
        @WithDefault("6h")
        Duration maxGap();
    }

    /** The portal's own meters at /q/metrics (docs/operations.md#metrics). */
    interface Metrics {
        /** How long the gauges that read the database show a value before reading it again. */
        @WithDefault("15s")
        Duration gaugeMaxAge();
    }

    /** Single sign-on through the company's identity provider (DESIGN §13); quarkus.oidc.* says which. */
    interface Sso {
        @WithDefault("false")
        boolean enabled();

        /** Shown as "Sign in with ..." on the login page. */
        @WithDefault("your company account")
        String displayName();

        /** The id token claim that lists the user's groups. */
        @WithDefault("groups")
        String groupsClaim();

        @WithDefault("spend-portal-admins")
        String adminGroup();

        @WithDefault("spend-portal-viewers")
        String viewerGroup();
    }

    interface Alerts {
        /** How often every account's alert conditions are evaluated (also after a refresh, import or contract change). */
        @WithDefault("5m")
        Duration checkInterval();

        /** The wait before a failed delivery's first retry; it doubles with each further attempt. */
        @WithDefault("30s")
        Duration webhookRetryInitial();

        /** Attempts before a delivery is given up as FAILED. */
        @WithDefault("10")
        int maxAttempts();

        /** Whether alert conditions are checked at all (on the interval and after changes); tests turn it off. */
        @WithDefault("true")
        boolean checksEnabled();

        /**
         * Whether webhooks may post to loopback, private and link-local addresses (receivers inside the portal's own
         * network); off, such URLs are refused when saved and again when their name resolves at send time.
         */
        @WithDefault("false")
        boolean allowLocalNetwork();

        /** How often queued deliveries are looked for. */
        @WithDefault("2s")
        Duration deliveryTick();

        /** RENEWAL_DUE fires when the current term ends this many days from today or sooner (whole days). */
        @WithDefault("90d")
        Duration renewalNotice();
    }

    interface Admin {
        @WithDefault("admin")
        String username();

        Optional<String> password();
    }

    interface Session {
        /** A session ends this long after login, however active it was. */
        @WithDefault("8h")
        Duration absoluteLifetime();
    }

    /** HeyGen's job list (DESIGN §18): the sync of every connected account. */
    interface Jobs {
        /** Each connected account's job list is read this often (and on demand). */
        @WithDefault("1h")
        Duration pollInterval();

        /** How often the poller looks for accounts that are due. */
        @WithDefault("30s")
        Duration pollTick();

        /** Off in tests, so that only the tests ask the (fake) upstream. */
        @WithDefault("true")
        boolean pollerEnabled();

        /** Pending or processing jobs that the walk did not reach, asked for by id, per sync; also folder names per sync. */
        @WithDefault("50")
        int maxLookups();

        /**
         * How long a sync claims its account in the database; each page renews it. Another instance takes over the
         * account of an instance that died in the middle of a sync after this.
         */
        @WithDefault("2m")
        Duration claimLease();
    }

    interface Wallet {
        @WithDefault("15m")
        Duration pollInterval();

        /** How often the poller looks for accounts that are due; each account is still read once per interval. */
        @WithDefault("30s")
        Duration pollTick();

        /** Off in tests, so that only the tests ask the (fake) upstream. */
        @WithDefault("true")
        boolean pollerEnabled();

        /**
         * How long a claimed refresh keeps other callers and instances away from the account: far
         * longer than a refresh can take (about 9 s), and how soon another instance takes over the
         * accounts of an instance that died while reading them.
         */
        @WithDefault("2m")
        Duration claimLease();
    }
}
