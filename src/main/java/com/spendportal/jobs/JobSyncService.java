package com.spendportal.jobs;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.wallet.HeyGenUpstream;
import com.spendportal.wallet.UpstreamFailure;
import com.spendportal.web.DataVersion;
import com.spendportal.web.Fatal;
import com.spendportal.web.PortalConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * Reads one account's job list from HeyGen and stores it (DESIGN §18), on the wallet's guarded upstream.
 *
 * <p>One sync per account: on this instance a second caller joins the running sync; across instances each sync
 * first claims the account's {@code job_sync} row with a conditional UPDATE of {@code claimed_until} (a lease renewed
 * with every page), which also makes everybody honour a Retry-After stored in {@code not_before} and leaves a key
 * whose list was refused alone until the key changes or an admin asks. A sync never touches the wallet's fields.
 */
@ApplicationScoped
public class JobSyncService {

    private static final Logger LOG = Logger.getLogger(JobSyncService.class);

    /** How many syncs the poller runs at once. */
    static final int BACKGROUND_THREADS = 2;
    /** How long a second caller waits for the sync already running for the same account. */
    static final Duration JOIN_WAIT = Duration.ofSeconds(30);
    /** Folder names are read again after this. */
    static final Duration FOLDER_MAX_AGE = Duration.ofDays(1);
    private static final int ERROR_MAX = 500;
    /** Tries to store a page HeyGen answered, waiting 0.5 s, then 1 s between them (as the wallet stores a reading). */
    private static final int STORE_TRIES = 3;
    private static final Duration STORE_RETRY_WAIT = Duration.ofMillis(500);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    @Inject
    HeyGenUpstream upstream;

    @Inject
    ApiKeyCipher cipher;

    @Inject
    PortalConfig config;

    private final Map<Long, CompletableFuture<SyncResult>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newFixedThreadPool(BACKGROUND_THREADS, new Threads());

    /**
     * Reads the account's job list now and answers when done. {@code askedByAdmin} asks even a key whose list was
     * refused before (401/403/404); Retry-After is honoured whoever asks.
     */
    public SyncResult sync(long accountId, boolean askedByAdmin) {
        return sync(accountId, askedByAdmin, null);
    }

    /** A sync now, on one of the background threads (loading the demo reads its job lists at once). */
    public CompletableFuture<SyncResult> syncInBackground(long accountId) {
        return syncInBackground(accountId, null);
    }

    /** The poller's sync, on one of a few background threads: only if nobody synced the account since {@code dueBefore}. */
    CompletableFuture<SyncResult> syncInBackground(long accountId, Instant dueBefore) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sync(accountId, false, dueBefore);
            } catch (RuntimeException | Error e) {
                Fatal.ifOutOfMemory(e);
                LOG.errorf("Background job sync of account %d failed (%s)", accountId, e.getClass().getName());
                throw e;
            }
        }, background);
    }

    boolean breakerOpen() {
        return upstream.breakerOpen();
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    private SyncResult sync(long accountId, boolean askedByAdmin, Instant dueBefore) {
        CompletableFuture<SyncResult> mine = new CompletableFuture<>();
        CompletableFuture<SyncResult> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            return join(running);
        }
        try {
            SyncResult result = attempt(accountId, askedByAdmin, dueBefore);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(accountId, mine);
        }
    }

    private static SyncResult join(CompletableFuture<SyncResult> running) {
        try {
            return running.get(JOIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busy();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return busy();
        }
    }

    private static SyncResult busy() {
        return SyncResult.failed(SyncResult.SYNC_RUNNING,
                "A sync of this account's jobs is already running; its result will show on the account page when it ends.");
    }

    /** What the claim found: the key to read with, or the answer without asking HeyGen. */
    record Claim(String apiKey, boolean demo, String keyHash, Instant mark, Instant until, SyncResult done) {
    }

    private SyncResult attempt(long accountId, boolean askedByAdmin, Instant dueBefore) {
        Instant now = Instant.now();
        try {
            QuarkusTransaction.requiringNew().run(() -> createRow(accountId));
        } catch (RuntimeException raced) {
            LOG.debugf("The job_sync row of account %d was made elsewhere meanwhile (%s)", accountId, raced.getClass().getName());
        }
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(accountId, askedByAdmin, dueBefore, now));
        if (claim.done() != null) {
            return claim.done();
        }
        JobWalk walk = new JobWalk(this, upstream, accountId, claim, config.jobs().maxLookups(), config.jobs().claimLease());
        try {
            walk.run();
        } catch (RuntimeException e) {
            Fatal.ifOutOfMemory(e);
            if (QuarkusTransaction.requiringNew().call(() -> Account.findById(accountId)) == null) {
                LOG.infof("Job sync of account %d stopped: the account was deleted meanwhile", accountId);
                return SyncResult.failed(SyncResult.NOT_FOUND, "The account was deleted meanwhile.");
            }
            LOG.errorf("Job sync of account %d could not store what it read (%s)", accountId, e.getClass().getName());
            walk.fail(SyncResult.STORE_FAILED, "What was read could not be stored (the database failed, or an unexpected"
                    + " error); what was stored before stays, and the next sync reads the rest.");
        }
        SyncResult result = walk.result();
        try {
            QuarkusTransaction.requiringNew().run(() -> recordOutcome(accountId, claim, walk, result));
        } catch (RuntimeException e) {
            Fatal.ifOutOfMemory(e);
            LOG.errorf("Job sync of account %d could not record its outcome (%s)", accountId, e.getClass().getName());
        }
        if (!result.ok()) {
            LOG.infof("Job sync of account %d stopped: %s", accountId, result.error().code());
        }
        return result;
    }

    /**
     * The account's {@code job_sync} row, made if missing. Two instances may make it at once: the one that loses fails
     * on the primary key, and the claim that follows decides between them.
     */
    private static void createRow(long accountId) {
        if (JobSync.count("accountId", accountId) == 0) {
            Panache.getEntityManager().createNativeQuery("INSERT INTO job_sync (account_id) SELECT id FROM account WHERE id = ?1"
                    + " AND NOT EXISTS (SELECT 1 FROM job_sync WHERE account_id = ?1)").setParameter(1, accountId).executeUpdate();
        }
    }

    /** Claims the account for one sync, or says why not; in its own transaction. */
    private Claim claim(long accountId, boolean askedByAdmin, Instant dueBefore, Instant now) {
        Account account = Account.findById(accountId);
        if (account == null) {
            return done(SyncResult.failed(SyncResult.NOT_FOUND, "There is no such account."));
        }
        if (!account.hasApiKey()) {
            return done(SyncResult.failed(SyncResult.NO_API_KEY,
                    "This account has no API key, so its jobs cannot be read. Connect a key under Edit account."));
        }
        String keyHash = keyHash(account.apiKeyCiphertext);
        Instant until = now.plus(config.jobs().claimLease()).truncatedTo(ChronoUnit.MILLIS);
        StringBuilder where = new StringBuilder("claimedUntil = ?1, lastStartedAt = ?2 where accountId = ?3"
                + " and (claimedUntil is null or claimedUntil <= ?2) and (notBefore is null or notBefore <= ?2)");
        if (!askedByAdmin) {
            where.append(" and (notAvailable = false or notAvailableKey is null or notAvailableKey <> ?4)");
        }
        if (dueBefore != null) {
            where.append(" and (lastStartedAt is null or lastStartedAt <= ?5)");
        }
        var update = Panache.getEntityManager().createQuery("update JobSync set " + where)
                .setParameter(1, until).setParameter(2, now).setParameter(3, accountId);
        if (!askedByAdmin) {
            update.setParameter(4, keyHash);
        }
        if (dueBefore != null) {
            update.setParameter(5, dueBefore);
        }
        int claimed = update.executeUpdate();
        JobSync sync = JobSync.findById(accountId);
        if (claimed == 0 || sync == null) {
            if (sync != null && sync.notBefore != null && sync.notBefore.isAfter(now)) {
                return done(new SyncResult(0, 0, 0, 0, 0, 0, new SyncResult.Error(UpstreamFailure.RATE_LIMITED,
                        rateLimitedMessage(sync.notBefore) + " HeyGen was not asked again."), sync.notBefore));
            }
            if (sync != null && sync.claimedUntil != null && sync.claimedUntil.isAfter(now)) {
                return done(busy());
            }
            if (sync != null && sync.notAvailable && keyHash.equals(sync.notAvailableKey)) {
                return done(SyncResult.failed(SyncResult.JOBS_NOT_AVAILABLE, "Jobs not available for this key (HeyGen refused"
                        + " it the job list); not asked again until the key changes or an admin asks."));
            }
            return done(SyncResult.failed(SyncResult.NOT_DUE, "Synced within the interval meanwhile."));
        }
        try {
            return new Claim(cipher.decrypt(account.apiKeyCiphertext), account.demo, keyHash, sync.markCreatedAt, until, null);
        } catch (ApiKeyCipher.UnreadableKeyException e) {
            sync.claimedUntil = null;
            sync.lastFinishedAt = now;
            sync.lastErrorCode = UpstreamFailure.KEY_UNREADABLE;
            sync.lastError = "The stored API key cannot be decrypted; enter the key again under Edit account.";
            DataVersion.bump(accountId);
            return done(SyncResult.failed(UpstreamFailure.KEY_UNREADABLE, sync.lastError));
        }
    }

    private static Claim done(SyncResult result) {
        return new Claim(null, false, null, null, null, result);
    }

    /**
     * Runs {@code work} in a transaction of its own, trying again when the database fails (a stall, a lock timeout, a
     * pool briefly empty): a page once read is stored, not dropped because the portal was slow.
     */
    <T> T store(Callable<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (attempt >= STORE_TRIES) {
                    throw e;
                }
                LOG.warnf("Storing jobs failed (%s); trying again", e.getClass().getName());
                try {
                    Thread.sleep(STORE_RETRY_WAIT.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The sync's outcome on its row, the claim let go (if still its own); the mark moves only if the walk completed. */
    private static void recordOutcome(long accountId, Claim claim, JobWalk walk, SyncResult result) {
        JobSync sync = JobSync.findById(accountId);
        if (sync == null) {
            return; // the account was deleted meanwhile
        }
        Instant now = Instant.now();
        if (walk.claimedUntil().equals(sync.claimedUntil)) {
            sync.claimedUntil = null;
        }
        sync.lastFinishedAt = now;
        sync.lastErrorCode = result.ok() ? null : result.error().code();
        sync.lastError = result.ok() ? null : shorten(result.error().message());
        sync.pages = result.pages();
        sync.jobsRead = result.jobsRead();
        sync.jobsNew = result.jobsNew();
        sync.jobsUpdated = result.jobsUpdated();
        sync.lookups = result.lookups();
        sync.skipped = result.skipped();
        if (walk.completed() && walk.newest() != null) {
            sync.markCreatedAt = walk.newest();
        }
        if (result.retryAt() != null) {
            sync.notBefore = result.retryAt();
        }
        if (walk.refused()) {
            sync.notAvailable = true;
            sync.notAvailableKey = claim.keyHash();
        } else if (result.pages() > 0) {
            sync.notAvailable = false;
            sync.notAvailableKey = null;
        }
        DataVersion.bump(accountId); // the account page tells the last sync
    }

    static String rateLimitedMessage(Instant retryAt) {
        return "Rate limited by HeyGen; next try after " + (retryAt == null ? "a minute" : CLOCK.format(retryAt)) + ".";
    }

    /** The hash {@code job_sync} keeps of the key ciphertext its list refused; a new key has a new ciphertext. */
    static String keyHash(String ciphertext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String shorten(String message) {
        return message.length() <= ERROR_MAX ? message : message.substring(0, ERROR_MAX - 1) + "…";
    }

    /** Why an upstream call failed, as the sync reports it. */
    static SyncResult.Error error(RuntimeException e) {
        if (e instanceof UpstreamFailure failure) {
            return new SyncResult.Error(failure.code(), failure.getMessage());
        }
        if (e instanceof TimeoutException) {
            Thread.interrupted(); // the timeout interrupted this thread; the database work after it must not see it
            return new SyncResult.Error(UpstreamFailure.TIMEOUT, "HeyGen did not answer in time.");
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new SyncResult.Error(UpstreamFailure.CIRCUIT_OPEN,
                    "HeyGen failed several times in a row, so the portal pauses asking it for a minute.");
        }
        return null;
    }

    private static final class Threads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "job-sync-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
