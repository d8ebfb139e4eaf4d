package com.spendportal.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * The state of one account's job sync (DESIGN §18): the mark, the claim that keeps one sync per account across
 * instances, and the outcome of the last sync as the account page and the API show it.
 */
@Entity
@Table(name = "job_sync")
public class JobSync extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public Long accountId;

    /** The newest {@code created_at} seen by the last sync that completed; null until one did. */
    @Column(name = "mark_created_at")
    public Instant markCreatedAt;

    /** When a sync first read a page of this account's jobs; null while its jobs were never read. */
    @Column(name = "first_read_at")
    public Instant firstReadAt;

    /** A running sync holds the account until then. */
    @Column(name = "claimed_until")
    public Instant claimedUntil;

    /** Retry-After: nobody asks HeyGen for this account's jobs before then. */
    @Column(name = "not_before")
    public Instant notBefore;

    /** The key may not read jobs (401/403/404 on the list): not asked again until the key changes or an admin asks. */
    @Column(name = "not_available")
    public boolean notAvailable;

    /** SHA-256 (hex) of the key ciphertext the list refused; the poller asks again once the account has another key. */
    @Column(name = "not_available_key", length = 64)
    public String notAvailableKey;

    @Column(name = "last_started_at")
    public Instant lastStartedAt;

    @Column(name = "last_finished_at")
    public Instant lastFinishedAt;

    @Column(name = "last_error_code", length = 40)
    public String lastErrorCode;

    @Column(name = "last_error", length = 500)
    public String lastError;

    public int pages;

    @Column(name = "jobs_read")
    public int jobsRead;

    @Column(name = "jobs_new")
    public int jobsNew;

    @Column(name = "jobs_updated")
    public int jobsUpdated;

    public int lookups;

    public int skipped;

    /** Whether the account's jobs were never read: its statements show no job seconds. */
    public static boolean neverRead(long accountId) {
        return count("accountId = ?1 and firstReadAt is not null", accountId) == 0;
    }

    /** The accounts whose jobs were read at least once. */
    public static List<Long> readAccounts() {
        return getEntityManager().createQuery("select s.accountId from JobSync s where s.firstReadAt is not null", Long.class)
                .getResultList();
    }
}
