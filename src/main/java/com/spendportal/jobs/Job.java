package com.spendportal.jobs;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

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
}
