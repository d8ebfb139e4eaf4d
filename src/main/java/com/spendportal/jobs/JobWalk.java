package com.spendportal.jobs;

import com.spendportal.jobs.JobSyncService.Claim;
import com.spendportal.wallet.HeyGenUpstream;
import com.spendportal.wallet.UpstreamFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * One sync of one account's job list (DESIGN §18), once its account is claimed: the walk through the list, newest
 * first, until {@code has_more} is false or a page HeyGen lists as the portal already stored it (final, and created
 * no later than the mark); then the pending jobs the walk did not reach, by id; then the folder names. Each page and
 * each job asked for by id is stored in its own transaction, which also renews the claim. The first failure ends the
 * walk and keeps what was stored; a failure reading folder names ends only that part.
 */
final class JobWalk {

    private static final Logger LOG = Logger.getLogger(JobWalk.class);

    private final JobSyncService service;
    private final HeyGenUpstream upstream;
    private final long accountId;
    private final Claim claim;
    private final int maxLookups;
    private final Duration lease;

    /** The jobs met so far: each counts once, however often the list shows it while it moves. */
    private final Set<String> seen = new HashSet<>();
    private final Set<String> tokens = new HashSet<>();
    private Instant claimedUntil;
    private boolean claimLost;
    private int pages;
    private int read;
    private int created;
    private int updated;
    private int lookups;
    private int skipped;
    private SyncResult.Error error;
    private Instant retryAt;
    private boolean completed;
    private boolean refused;
    private Instant newest;

    JobWalk(JobSyncService service, HeyGenUpstream upstream, long accountId, Claim claim, int maxLookups, Duration lease) {
        this.service = service;
        this.upstream = upstream;
        this.accountId = accountId;
        this.claim = claim;
        this.maxLookups = maxLookups;
        this.lease = lease;
        this.claimedUntil = claim.until();
    }

    void run() {
        list();
        if (completed && error == null) {
            lookUpUnfinished();
        }
        if (error == null) {
            readFolders();
        }
    }

    void fail(String code, String message) {
        if (error == null) {
            error = new SyncResult.Error(code, message);
        }
    }

    SyncResult result() {
        return new SyncResult(pages, read, created, updated, lookups, skipped, error, retryAt);
    }

    /** Reached {@code has_more: false} or a page already stored as listed: the mark may move. */
    boolean completed() {
        return completed;
    }

    /** The list's first page answered 401, 403 or 404: jobs are not available for this key. */
    boolean refused() {
        return refused;
    }

    /** The newest {@code created_at} the walk met. */
    Instant newest() {
        return newest;
    }

    /** The claim as this sync last set it. */
    Instant claimedUntil() {
        return claimedUntil;
    }

    private void list() {
        String token = null;
        while (true) {
            JobListing.Page page;
            try {
                page = upstream.videos(claim.apiKey(), claim.demo(), token, JobListing::page);
            } catch (UpstreamFailure.Invalid e) {
                skipped++;
                fail(UpstreamFailure.INVALID_RESPONSE, "Page " + (pages + 1) + " of the job list could not be read ("
                        + withoutStop(e.getMessage()) + "); the sync stopped there.");
                return;
            } catch (RuntimeException e) {
                SyncResult.Error failure = upstreamError(e);
                if (e instanceof UpstreamFailure f && token == null
                        && (f.httpStatus() == 401 || f.httpStatus() == 403 || f.httpStatus() == 404)) {
                    refused = true;
                    failure = new SyncResult.Error(SyncResult.JOBS_NOT_AVAILABLE, "Jobs not available for this key: "
                            + f.getMessage());
                }
                fail(failure.code(), failure.message());
                return;
            }
            pages++;
            skipped += page.skipped();
            for (JobListing.Listed job : page.jobs()) {
                if (newest == null || job.createdAt().isAfter(newest)) {
                    newest = job.createdAt();
                }
            }
            JobStore.Stored stored = store(() -> JobStore.page(accountId, page.jobs(), seen, claim.mark(), Instant.now()));
            seen.addAll(stored.fresh());
            read += stored.fresh().size();
            created += stored.created();
            updated += stored.updated();
            if (stored.known() || !page.hasMore()) {
                completed = true;
                return;
            }
            if (page.brokenPaging() || !tokens.add(page.nextToken())) {
                skipped++;
                fail(UpstreamFailure.INVALID_RESPONSE, "HeyGen said more of the job list follows after page " + pages
                        + " but gave " + (page.brokenPaging() ? "no token" : "a token it gave before") + " for it; the sync stopped there.");
                return;
            }
            if (claimLost) {
                fail(SyncResult.SYNC_RUNNING, "Another instance took this account's sync over after page " + pages + ".");
                return;
            }
            token = page.nextToken();
        }
    }

    /** Pending and processing jobs the walk did not reach, least recently asked first, at most {@code maxLookups}. */
    private void lookUpUnfinished() {
        List<String> ids = service.store(() -> JobStore.unfinished(accountId)).stream().filter(id -> !seen.contains(id))
                .limit(maxLookups).toList();
        for (String id : ids) {
            if (claimLost) {
                return;
            }
            lookups++;
            JobListing.One one;
            try {
                one = upstream.video(claim.apiKey(), claim.demo(), id, JobListing::one);
            } catch (UpstreamFailure.Invalid e) {
                skipped++;
                store(() -> lookedUp(id));
                continue;
            } catch (RuntimeException e) {
                if (e instanceof UpstreamFailure f && f.httpStatus() == 404) {
                    store(() -> lookedUp(id)); // gone from HeyGen: kept as stored
                    continue;
                }
                SyncResult.Error failure = upstreamError(e);
                fail(failure.code(), "Asking HeyGen for a job by id failed: " + failure.message());
                return;
            }
            JobListing.Listed job = one.job();
            if (job == null || !job.jobId().equals(id)) {
                skipped++;
                store(() -> lookedUp(id));
                continue;
            }
            JobStore.Stored stored = store(() -> {
                JobStore.Stored s = JobStore.page(accountId, List.of(job), Set.of(), null, Instant.now());
                JobStore.lookedUp(accountId, id, Instant.now());
                return s;
            });
            created += stored.created();
            updated += stored.updated();
        }
    }

    /** Names of folders never read or read more than a day ago; a failure here does not fail the sync. */
    private void readFolders() {
        Instant now = Instant.now();
        List<String> ids = service.store(() -> JobStore.foldersToRead(accountId, now.minus(JobSyncService.FOLDER_MAX_AGE),
                maxLookups));
        for (String id : ids) {
            if (claimLost) {
                return;
            }
            JobListing.Folder folder;
            try {
                folder = upstream.folder(claim.apiKey(), claim.demo(), id, JobListing::folder);
            } catch (UpstreamFailure.Invalid e) {
                skipped++;
                store(() -> folderRead(id, null));
                continue;
            } catch (RuntimeException e) {
                if (e instanceof UpstreamFailure f && f.httpStatus() == 404) {
                    store(() -> folderRead(id, null)); // gone: shown by its id, or the name it had
                    continue;
                }
                SyncResult.Error failure = upstreamError(e);
                LOG.infof("Reading folder names of account %d stopped: %s", accountId, failure.code());
                return;
            }
            if (folder.unfit()) {
                skipped++;
            }
            store(() -> folderRead(id, folder.name()));
        }
    }

    private Void lookedUp(String jobId) {
        JobStore.lookedUp(accountId, jobId, Instant.now());
        return null;
    }

    private Void folderRead(String folderId, String name) {
        JobStore.folderRead(accountId, folderId, name != null, name, Instant.now());
        return null;
    }

    /** {@code work} in its own transaction (tried again if the database fails), which also renews the claim. */
    private <T> T store(Callable<T> work) {
        Instant next = Instant.now().plus(lease).truncatedTo(ChronoUnit.MILLIS);
        record Done<T>(T value, boolean renewed) {
        }
        Done<T> done = service.store(() -> {
            boolean renewed = JobSync.update("claimedUntil = ?1 where accountId = ?2 and claimedUntil = ?3", next, accountId,
                    claimedUntil) > 0;
            return new Done<>(work.call(), renewed);
        });
        if (done.renewed()) {
            claimedUntil = next;
        } else {
            claimLost = true;
        }
        return done.value();
    }

    /** The failure as the sync reports it; HeyGen's Retry-After kept for everybody. */
    private SyncResult.Error upstreamError(RuntimeException e) {
        SyncResult.Error failure = JobSyncService.error(e);
        if (failure == null) {
            throw e;
        }
        if (e instanceof UpstreamFailure f && f.retryAt() != null) {
            retryAt = f.retryAt();
            return new SyncResult.Error(failure.code(), JobSyncService.rateLimitedMessage(retryAt));
        }
        return failure;
    }

    private static String withoutStop(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
