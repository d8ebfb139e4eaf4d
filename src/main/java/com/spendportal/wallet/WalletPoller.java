package com.spendportal.wallet;

import com.spendportal.accounts.Account;
import com.spendportal.web.PortalConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Refreshes every connected account every {@code portal.wallet.poll-interval} (DESIGN §6). A short
 * tick picks the accounts that are due, oldest reading first, and only a share of them per tick so
 * the accounts spread over the interval; at most {@link WalletService#BACKGROUND_THREADS} run at
 * once, and the rest of the share waits for a free one within the tick. After failures an account waits
 * {@code interval * 2^failures} (at most 6 h), and nobody asks before its {@code nextFetchNotBefore} (Retry-After); after
 * a 429 it waits for Retry-After alone, which is not a failure of the key and doubles nothing. Each fetch still claims its account in the
 * database, so two instances never fetch the same account twice.
 */
@ApplicationScoped
class WalletPoller {

    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    @Inject
    WalletService wallet;

    @Inject
    PortalConfig config;

    private final Semaphore slots = new Semaphore(WalletService.BACKGROUND_THREADS);

    /**
     * The columns the choice needs.
     *
     * @param rateLimited whether the last read was answered 429: the next one waits for Retry-After only
     */
    record Candidate(long id, Instant lastRefreshAt, int consecutiveFailures, Instant nextFetchNotBefore,
            boolean rateLimited) {
    }

    @Scheduled(identity = "wallet-poller", every = "${portal.wallet.poll-tick:30s}", delayed = "${portal.wallet.poll-tick:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.wallet().pollerEnabled() || wallet.breakerOpen()) {
            return;
        }
        Instant now = Instant.now();
        Duration interval = config.wallet().pollInterval();
        List<Candidate> candidates = QuarkusTransaction.requiringNew().call(() -> candidates(now));
        long connected = QuarkusTransaction.requiringNew().call(() -> Account.count("apiKeyCiphertext is not null"));
        int limit = perTick(connected, config.wallet().pollTick(), interval);
        // Reads wait for a free thread until shortly before the next tick, so a thousand accounts keep
        // to their interval instead of the first few of each tick.
        Instant deadline = now.plus(config.wallet().pollTick().multipliedBy(9).dividedBy(10));
        try {
            startAll(pickDue(candidates, now, interval, limit), slots, deadline, wallet::refreshInBackground);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts each of {@code due} in order when one of {@code slots} is free, until {@code deadline};
     * each start holds its slot until it completes. Returns how many were started.
     */
    static int startAll(List<Long> due, Semaphore slots, Instant deadline, Function<Long, CompletableFuture<?>> start)
            throws InterruptedException {
        int started = 0;
        for (long id : due) {
            long wait = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!slots.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                break;
            }
            start.apply(id).whenComplete((result, error) -> slots.release());
            started++;
        }
        return started;
    }

    private static List<Candidate> candidates(Instant now) {
        return Account.<Account>list("apiKeyCiphertext is not null and (nextFetchNotBefore is null or nextFetchNotBefore <= ?1)",
                now).stream().map(a -> new Candidate(a.id, a.lastRefreshAt, a.consecutiveFailures, a.nextFetchNotBefore,
                        UpstreamFailure.RATE_LIMITED.equals(a.lastRefreshErrorCode)))
                .toList();
    }

    /** The due accounts, longest-unread first, at most {@code limit}. */
    static List<Long> pickDue(List<Candidate> candidates, Instant now, Duration interval, int limit) {
        return candidates.stream()
                .filter(c -> isDue(c.lastRefreshAt(), c.consecutiveFailures(), c.nextFetchNotBefore(), c.rateLimited(), now,
                        interval))
                .sorted(Comparator.comparing(Candidate::lastRefreshAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Candidate::id))
                .limit(limit).map(Candidate::id).toList();
    }

    /**
     * Due when never read, or when the interval (doubled per consecutive failure) has passed, and not before Retry-After.
     * After a 429 the read is due as soon as Retry-After has passed: HeyGen said when to come back (DESIGN §9).
     */
    static boolean isDue(Instant lastRefreshAt, int consecutiveFailures, Instant nextFetchNotBefore, boolean rateLimited,
            Instant now, Duration interval) {
        if (nextFetchNotBefore != null && now.isBefore(nextFetchNotBefore)) {
            return false;
        }
        return lastRefreshAt == null || rateLimited
                || !now.isBefore(lastRefreshAt.plus(wait(consecutiveFailures, interval)));
    }

    /**
     * How far the poller is behind (the {@code portal_wallet_poll_lag_seconds} gauge): how long the most overdue of
     * {@code candidates} has been due, by the rule of {@link #isDue} (interval, doubled per failure, Retry-After).
     * Accounts never read are left out, having no due time; the poller takes them first anyway.
     */
    static Duration lag(List<Candidate> candidates, Instant now, Duration interval) {
        Duration lag = Duration.ZERO;
        for (Candidate c : candidates) {
            if (c.lastRefreshAt() == null) {
                continue;
            }
            Instant due = c.rateLimited() && c.nextFetchNotBefore() != null ? c.nextFetchNotBefore()
                    : c.lastRefreshAt().plus(wait(c.consecutiveFailures(), interval));
            if (c.nextFetchNotBefore() != null && c.nextFetchNotBefore().isAfter(due)) {
                due = c.nextFetchNotBefore();
            }
            Duration behind = Duration.between(due, now);
            if (behind.compareTo(lag) > 0) {
                lag = behind;
            }
        }
        return lag;
    }

    /** {@code interval * 2^failures}, capped at 6 h (or at the interval itself when that is longer). */
    static Duration wait(int consecutiveFailures, Duration interval) {
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        Duration wait = interval;
        for (int i = 0; i < consecutiveFailures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** How many accounts one tick may start so that all connected accounts spread over the interval. */
    static int perTick(long connected, Duration tick, Duration interval) {
        long ticks = Math.max(1, interval.toMillis() / Math.max(1, tick.toMillis()));
        return (int) Math.max(1, (connected + ticks - 1) / ticks);
    }
}
