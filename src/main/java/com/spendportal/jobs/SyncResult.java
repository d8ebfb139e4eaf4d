package com.spendportal.jobs;

import java.time.Instant;

/**
 * What one sync of an account's job list did (DESIGN §18), as the API answers it and the flash message says it.
 *
 * @param pages       pages of the list read (each read once)
 * @param jobsRead    jobs read from the list, each counted once however often the list showed it
 * @param jobsNew     of those, jobs stored for the first time
 * @param jobsUpdated jobs whose stored row changed (from the list or asked for by id)
 * @param lookups     pending/processing jobs the walk did not reach, asked for by id
 * @param skipped     what HeyGen sent that could not be used: jobs that cannot be stored as listed, a page that is not
 *                    JSON, a page that says more follow without a token, a folder name with control characters
 * @param error       null when the sync completed; otherwise what stopped it (what was stored before stays)
 * @param retryAt     when HeyGen may be asked again, after a 429 (not in the API body: its Retry-After header)
 */
public record SyncResult(int pages, int jobsRead, int jobsNew, int jobsUpdated, int lookups, int skipped, Error error,
        Instant retryAt) {

    /** A code for machines and a message for people. */
    public record Error(String code, String message) {
    }

    // codes of its own; the others are UpstreamFailure's (unauthorized, rate_limited, upstream_error, timeout, ...)
    public static final String NOT_FOUND = "not_found";
    public static final String NO_API_KEY = "no_api_key";
    public static final String SYNC_RUNNING = "sync_running";
    /** The first page of the list answered 401, 403 or 404. */
    public static final String JOBS_NOT_AVAILABLE = "jobs_not_available";
    /** What was read could not be stored (the database failed, after retries). */
    public static final String STORE_FAILED = "store_failed";
    /** The poller's own: the account was synced within the interval meanwhile, or is not available for its key. */
    static final String NOT_DUE = "not_due";

    static SyncResult failed(String code, String message) {
        return new SyncResult(0, 0, 0, 0, 0, 0, new Error(code, message), null);
    }

    public boolean ok() {
        return error == null;
    }

    /** Anything stored or changed. */
    public boolean changedJobs() {
        return jobsNew + jobsUpdated > 0;
    }

    /** For the flash message of "Read jobs now". */
    public String message() {
        String done = pages + (pages == 1 ? " page, " : " pages, ") + jobsRead + (jobsRead == 1 ? " job" : " jobs") + " ("
                + jobsNew + " new, " + jobsUpdated + " updated)" + (lookups > 0 ? ", " + lookups + " asked for by id" : "")
                + (skipped > 0 ? ", " + skipped + " skipped (not readable as HeyGen sent them)" : "");
        if (error == null) {
            return "Jobs read: " + done + ".";
        }
        String reason = error.message().endsWith(".") ? error.message() : error.message() + ".";
        return pages == 0 && lookups == 0 ? "Jobs not read: " + reason : "Reading jobs stopped: " + reason + " Read before that: " + done + ".";
    }
}
