package com.spendportal.jobs;

import com.spendportal.web.PortalConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads the job list of every connected account every {@code portal.jobs.poll-interval} (DESIGN §18). A short tick
 * picks the accounts that are due, longest unsynced first, and starts them as {@link JobSyncService#BACKGROUND_THREADS}
 * slots come free until shortly before the next tick. Nobody asks before a stored Retry-After, a key whose list was
 * refused is left alone until the key changes, and nothing is asked while HeyGen's circuit breaker is open. Each sync
 * still claims its account in the database only if nobody synced it within the interval meanwhile, so several
 * instances read each list once per interval.
 */
@ApplicationScoped
class JobPoller {

    @Inject
    JobSyncService jobs;

    @Inject
    PortalConfig config;

    private final Semaphore slots = new Semaphore(JobSyncService.BACKGROUND_THREADS);

    @Scheduled(identity = "jobs-poller", every = "${portal.jobs.poll-tick:30s}", delayed = "${portal.jobs.poll-tick:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.jobs().pollerEnabled() || jobs.breakerOpen()) {
            return;
        }
        Instant now = Instant.now();
        Instant dueBefore = now.minus(config.jobs().pollInterval());
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> due(now, dueBefore));
        Instant deadline = now.plus(config.jobs().pollTick().multipliedBy(9).dividedBy(10));
        try {
            for (long id : due) {
                long wait = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!slots.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (jobs.breakerOpen()) {
                    slots.release();
                    return;
                }
                jobs.syncInBackground(id, dueBefore).whenComplete((result, error) -> slots.release());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The connected accounts whose last sync started before {@code dueBefore} (or never), not claimed, past any
     * Retry-After, and not refused for the key they have now; longest unsynced first.
     */
    static List<Long> due(Instant now, Instant dueBefore) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("SELECT a.id, a.api_key_ciphertext, s.not_available,"
                + " s.not_available_key FROM account a LEFT JOIN job_sync s ON s.account_id = a.id"
                + " WHERE a.api_key_ciphertext IS NOT NULL AND (s.account_id IS NULL OR ((s.last_started_at IS NULL"
                + " OR s.last_started_at <= ?1) AND (s.not_before IS NULL OR s.not_before <= ?2)"
                + " AND (s.claimed_until IS NULL OR s.claimed_until <= ?2)))"
                + " ORDER BY s.last_started_at NULLS FIRST, a.id", Object[].class)
                .setParameter(1, dueBefore).setParameter(2, now).getResultList();
        List<Long> due = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            boolean refused = Boolean.TRUE.equals(row[2]) && row[3] != null
                    && row[3].equals(JobSyncService.keyHash((String) row[1]));
            if (!refused) {
                due.add(((Number) row[0]).longValue());
            }
        }
        return due;
    }
}
