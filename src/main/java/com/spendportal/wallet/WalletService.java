package com.spendportal.wallet;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.wallet.RefreshResult.Status;
import com.spendportal.web.DataVersion;
import com.spendportal.web.Fatal;
import com.spendportal.web.PortalConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Reads the live wallet of one account and records the outcome (DESIGN §6, §9).
 *
 * <p>Whoever asks (the page, the API, the poller), at most one call per account is in flight: on
 * this instance a second caller joins the running refresh; across instances each refresh first
 * claims the account with a conditional UPDATE of {@code next_fetch_not_before} (a short lease), which
 * also makes everybody honour a Retry-After stored there. A success stores a FETCHED snapshot and
 * clears the error; a failure stores nothing and is recorded on the account.
 */
@ApplicationScoped
public class WalletService {

    private static final Logger LOG = Logger.getLogger(WalletService.class);

    /** How long a second caller waits for the refresh already running for the same account. */
    static final Duration JOIN_WAIT = Duration.ofSeconds(9);
    static final int BACKGROUND_THREADS = 4;
    private static final int ERROR_MAX = 500;
    /** Tries to store a reading HeyGen answered, waiting 0.5 s, then 1 s between them. */
    private static final int STORE_TRIES = 3;
    private static final Duration STORE_RETRY_WAIT = Duration.ofMillis(500);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    @Inject
    HeyGenGateway gateway;

    @Inject
    ApiKeyCipher cipher;

    @Inject
    PortalConfig config;

    @Inject
    WalletMeters meters;

    private final Map<Long, CompletableFuture<RefreshResult>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newFixedThreadPool(BACKGROUND_THREADS, new Threads());

    /** Asks the upstream now (if allowed) and returns what happened; ends within about 9 s. */
    public RefreshResult refresh(long accountId) {
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            return join(running);
        }
        long started = System.nanoTime();
        try {
            RefreshResult result = attempt(accountId);
            meters.attempted(result, System.nanoTime() - started);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            meters.attempted(null, System.nanoTime() - started);
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(accountId, mine);
        }
    }

    /** The same refresh on one of a few background threads (the poller, demo loading). */
    public CompletableFuture<RefreshResult> refreshInBackground(long accountId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return refresh(accountId);
            } catch (RuntimeException | Error e) {
                Fatal.ifOutOfMemory(e); // the future would keep an Error to itself
                LOG.errorf(e, "Background wallet refresh of account %d failed", accountId);
                throw e;
            }
        }, background);
    }

    boolean breakerOpen() {
        return gateway.breakerOpen();
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /**
     * Stores a reading HeyGen answered, trying again when the database fails (a stall, a lock timeout, a pool briefly
     * empty): a reading once answered is stored, not dropped because the portal was slow (issue 27). When every try
     * fails the claim runs out and the account is read again.
     */
    private static WalletSnapshot store(long accountId, UsersMe wallet, Instant at) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> recordSuccess(accountId, wallet, at));
            } catch (RuntimeException e) {
                if (attempt >= STORE_TRIES) {
                    throw e;
                }
                LOG.warnf("Storing the reading of account %d failed (%s); trying again", accountId, e.getClass().getName());
                try {
                    Thread.sleep(STORE_RETRY_WAIT.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static RefreshResult join(CompletableFuture<RefreshResult> running) {
        try {
            return running.get(JOIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busy();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return busy();
        }
    }

    private record Claim(String apiKey, boolean demo, boolean hadSnapshot, RefreshResult done) {
    }

    private RefreshResult attempt(long accountId) {
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(accountId, Instant.now()));
        if (claim.done() != null) {
            return claim.done();
        }
        try {
            UsersMe wallet = claim.demo() ? gateway.demoCall(claim.apiKey(), HeyGenGateway.USERS_ME)
                    : gateway.call(claim.apiKey(), HeyGenGateway.USERS_ME);
            Instant at = Instant.now();
            WalletSnapshot snapshot = store(accountId, wallet, at);
            if (snapshot == null) {
                return new RefreshResult(Status.NOT_FOUND, "not_found", "The account was deleted meanwhile.", null, null);
            }
            return new RefreshResult(Status.UPDATED, null, WalletView.updatedMessage(snapshot), null, snapshot);
        } catch (UpstreamFailure failure) {
            // A 429 is HeyGen pacing the portal, not the key failing: it waits for Retry-After and doubles no interval
            return failed(accountId, failure.code, failure.getMessage(), failure.retryAt,
                    !UpstreamFailure.RATE_LIMITED.equals(failure.code), claim.hadSnapshot());
        } catch (TimeoutException e) {
            Thread.interrupted(); // the timeout interrupted this thread; the database work below must not see it
            return failed(accountId, UpstreamFailure.TIMEOUT, "HeyGen did not answer in time.", null, true, claim.hadSnapshot());
        } catch (CircuitBreakerOpenException e) {
            return failed(accountId, UpstreamFailure.CIRCUIT_OPEN,
                    "HeyGen failed several times in a row, so the portal pauses asking it for a minute.", null, false,
                    claim.hadSnapshot());
        } catch (RuntimeException e) {
            Fatal.ifOutOfMemory(e);
            LOG.errorf("Wallet refresh of account %d failed unexpectedly (%s)", accountId, e.getClass().getName());
            return failed(accountId, UpstreamFailure.UPSTREAM_ERROR, "The wallet could not be read (unexpected error).",
                    null, true, claim.hadSnapshot());
        }
    }

    /** Claims the account for one fetch, or says why not; in its own transaction. */
    private Claim claim(long accountId, Instant now) {
        int claimed = Account.update("nextFetchNotBefore = ?1 where id = ?2 and apiKeyCiphertext is not null"
                + " and (nextFetchNotBefore is null or nextFetchNotBefore <= ?3)", now.plus(config.wallet().claimLease()), accountId,
                now);
        Account account = Account.findById(accountId);
        if (account == null) {
            return done(new RefreshResult(Status.NOT_FOUND, "not_found", "There is no such account.", null, null));
        }
        if (!account.hasApiKey()) {
            return done(new RefreshResult(Status.NO_API_KEY, "no_api_key",
                    "This account has no API key, so there is no live wallet to read. Connect a key under Edit account.",
                    null, null));
        }
        if (claimed == 0) {
            if (UpstreamFailure.RATE_LIMITED.equals(account.lastRefreshErrorCode)) {
                Instant retryAt = account.nextFetchNotBefore;
                return done(new RefreshResult(Status.RATE_LIMITED, UpstreamFailure.RATE_LIMITED,
                        rateLimitedMessage(retryAt) + " HeyGen was not asked again.", retryAt, null));
            }
            return done(busy());
        }
        boolean hadSnapshot = account.latestSnapshotId != null;
        try {
            return new Claim(cipher.decrypt(account.apiKeyCiphertext), account.demo, hadSnapshot, null);
        } catch (ApiKeyCipher.UnreadableKeyException e) {
            String message = "The stored API key cannot be decrypted (it was altered or portal.secret-key changed);"
                    + " enter the key again under Edit account.";
            recordFailure(accountId, UpstreamFailure.KEY_UNREADABLE, message, null, now, true);
            return done(new RefreshResult(Status.FAILED, UpstreamFailure.KEY_UNREADABLE, message, null, null));
        }
    }

    private static Claim done(RefreshResult result) {
        return new Claim(null, false, false, result);
    }

    private RefreshResult failed(long accountId, String code, String message, Instant retryAt, boolean counts,
            boolean hadSnapshot) {
        Instant at = Instant.now();
        String recorded = UpstreamFailure.RATE_LIMITED.equals(code) ? rateLimitedMessage(retryAt) : message;
        QuarkusTransaction.requiringNew().run(() -> recordFailure(accountId, code, recorded, retryAt, at, counts));
        LOG.infof("Wallet refresh of account %d failed: %s", accountId, code);
        String kept = hadSnapshot ? "; the last good snapshot is kept." : "; nothing was stored.";
        Status status = UpstreamFailure.RATE_LIMITED.equals(code) ? Status.RATE_LIMITED : Status.FAILED;
        return new RefreshResult(status, code, withoutFinalStop(recorded) + kept, retryAt, null);
    }

    private static void recordFailure(long accountId, String code, String message, Instant retryAt, Instant at,
            boolean counts) {
        String text = message.length() <= ERROR_MAX ? message : message.substring(0, ERROR_MAX - 1) + "…";
        Account.update("lastRefreshAt = ?1, lastRefreshError = ?2, lastRefreshErrorCode = ?3, nextFetchNotBefore = ?4,"
                + " consecutiveFailures = consecutiveFailures + ?5 where id = ?6", at, text, code, retryAt, counts ? 1 : 0,
                accountId);
        DataVersion.bump(accountId); // the account page's wallet panel shows the failure
    }

    private static WalletSnapshot recordSuccess(long accountId, UsersMe wallet, Instant at) {
        int updated = Account.update("lastRefreshAt = ?1, lastRefreshError = null, lastRefreshErrorCode = null,"
                + " nextFetchNotBefore = null, consecutiveFailures = 0 where id = ?2", at, accountId);
        if (updated == 0) {
            return null;
        }
        WalletSnapshot snapshot = wallet.toSnapshot(accountId, at);
        WalletSnapshot.storeFetched(snapshot);
        DataVersion.bump(accountId);
        return snapshot;
    }

    static String rateLimitedMessage(Instant retryAt) {
        return "Rate limited by HeyGen; next try after " + (retryAt == null ? "a minute" : CLOCK.format(retryAt)) + ".";
    }

    private static RefreshResult busy() {
        return new RefreshResult(Status.BUSY, "refresh_running",
                "A refresh of this account is already running; its result will show here in a moment.", null, null);
    }

    private static String withoutFinalStop(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static final class Threads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "wallet-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
