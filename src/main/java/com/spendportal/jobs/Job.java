package com.spendportal.jobs;

import com.spendportal.web.IdEntity;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One job of an account's HeyGen job list, as last read (DESIGN §18). */
@Entity
@Table(name = "job")
public class Job extends IdEntity {

    public static final int TITLE_MAX = 200;
    public static final String VIDEO = "VIDEO";
    public static final String TRANSLATION = "TRANSLATION";

    @Column(name = "account_id", nullable = false)
    public long accountId;

    /** HeyGen's id of the job, unique per account. */
    @Column(name = "job_id", nullable = false, length = 100)
    public String jobId;

    /** One of {@link JobStatus}'s values. */
    @Column(nullable = false, length = 12)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "duration_seconds", precision = 14, scale = 3)
    public BigDecimal durationSeconds;

    /** HeyGen's folder id; {@link JobDays#NO_FOLDER} for a job listed without one. */
    @Column(name = "folder_id", nullable = false, length = 100)
    public String folderId;

    /** {@link #VIDEO}, or {@link #TRANSLATION} when HeyGen lists an {@code output_language}. */
    @Column(nullable = false, length = 12)
    public String kind;

    @Column(length = TITLE_MAX)
    public String title;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When a sync last asked HeyGen for this job by id (DESIGN §18: pending jobs the walk did not reach). */
    @Column(name = "looked_up_at")
    public Instant lookedUpAt;

    /** Where a page of jobs ended: its last job. The next page starts after it, in the list's order. */
    public record Cursor(Instant createdAt, String jobId) {
    }

    /** The cursor after the account's job {@code jobId}; empty when the account has no such job. */
    public static Optional<Cursor> cursorAfter(long accountId, String jobId) {
        return find("accountId = ?1 and jobId = ?2", accountId, jobId).<Job>firstResultOptional()
                .map(job -> new Cursor(job.createdAt, job.jobId));
    }

    public Cursor cursor() {
        return new Cursor(createdAt, jobId);
    }

    /**
     * The account's jobs that {@code filter} matches, newest first (created, then job id, both descending: the order of
     * index {@code ix_job_account_created}), after {@code after} when given; at most {@code limit}.
     */
    public static List<Job> newest(long accountId, JobFilter filter, Cursor after, int limit) {
        List<String> where = new ArrayList<>();
        where.add("accountId = :account");
        Parameters parameters = Parameters.with("account", accountId);
        if (filter.folderId() != null) {
            where.add("folderId = :folder");
            parameters.and("folder", filter.folderId());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.month() != null) {
            where.add("createdAt >= :from and createdAt < :to");
            parameters.and("from", filter.monthStart()).and("to", filter.monthEnd());
        }
        if (after != null) {
            where.add("(createdAt < :created or (createdAt = :created and jobId < :job))");
            parameters.and("created", after.createdAt()).and("job", after.jobId());
        }
        // The columns held equal lead the ORDER BY as they lead the index, so that H2 reads the index backwards and stops
        // after `limit` rows instead of sorting every job of the account (36,500 a year at 100 a day: 1.4 s a page)
        Sort order = filter.status() != null ? Sort.descending("accountId", "status", "createdAt", "jobId")
                : filter.folderId() != null ? Sort.descending("accountId", "folderId", "createdAt", "jobId")
                : Sort.descending("accountId", "createdAt", "jobId");
        return find(String.join(" and ", where), order, parameters).range(0, limit - 1).list();
    }
}
