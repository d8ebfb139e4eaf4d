package com.spendportal.jobs;

import java.time.Instant;

/**
 * The last sync of an account's job list as the account page tells it (DESIGN §18).
 *
 * @param lastFinishedAt when the last sync ended; null while none did
 * @param error          what stopped the last sync, null when it completed
 * @param notAvailable   HeyGen refused this key the job list: the poller leaves it alone until the key changes
 */
public record JobSyncView(Instant lastFinishedAt, int pages, int jobsRead, int jobsNew, int jobsUpdated, int lookups,
        int skipped, String error, boolean notAvailable) {

    public static JobSyncView of(long accountId) {
        JobSync sync = JobSync.findById(accountId);
        if (sync == null) {
            return new JobSyncView(null, 0, 0, 0, 0, 0, 0, null, false);
        }
        return new JobSyncView(sync.lastFinishedAt, sync.pages, sync.jobsRead, sync.jobsNew, sync.jobsUpdated, sync.lookups,
                sync.skipped, sync.lastError, sync.notAvailable);
    }
}
