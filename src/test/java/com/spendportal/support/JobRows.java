package com.spendportal.support;

import com.spendportal.jobs.Job;
import com.spendportal.jobs.JobDays;
import com.spendportal.jobs.JobSync;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jobs stored straight in the database as a sync would leave them (DESIGN §18): the job rows, their days refolded, the
 * folder names, the sync state that says the jobs were read, and the account's figures version moved on.
 */
public final class JobRows {

    private JobRows() {
    }

    /** A job; {@code duration} may be null, {@code folderId} "" for none. */
    public static Job job(String jobId, String status, Instant created, Instant completed, String duration,
            String folderId, String kind, String title) {
        Job job = new Job();
        job.jobId = jobId;
        job.status = status;
        job.createdAt = created;
        job.completedAt = completed;
        job.durationSeconds = duration == null ? null : new BigDecimal(duration);
        job.folderId = folderId;
        job.kind = kind;
        job.title = title;
        return job;
    }

    /** A completed video job. */
    public static Job completed(String jobId, Instant created, Instant completed, String duration, String folderId,
            String title) {
        return job(jobId, "completed", created, completed, duration, folderId, Job.VIDEO, title);
    }

    /** Stores the jobs and folder names (id to name; a null name is a folder never read) as a sync that read them. */
    public static void store(long accountId, Map<String, String> folderNames, List<Job> jobs) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            Set<LocalDate> days = new TreeSet<>();
            for (Job job : jobs) {
                job.accountId = accountId;
                job.updatedAt = now;
                job.persist();
                if (job.completedAt != null) {
                    days.add(JobDays.dayOf(job.completedAt));
                }
            }
            JobDays.refold(accountId, days);
            folderNames.forEach((id, name) -> {
                if (name == null) {
                    Panache.getEntityManager().createNativeQuery("INSERT INTO job_folder (account_id, folder_id)"
                            + " VALUES (?1, ?2)").setParameter(1, accountId).setParameter(2, id).executeUpdate();
                } else {
                    Panache.getEntityManager().createNativeQuery("INSERT INTO job_folder (account_id, folder_id, name,"
                            + " read_at) VALUES (?1, ?2, ?3, ?4)").setParameter(1, accountId).setParameter(2, id)
                            .setParameter(3, name).setParameter(4, now).executeUpdate();
                }
            });
            JobSync sync = JobSync.findById(accountId);
            if (sync == null) {
                sync = new JobSync();
                sync.accountId = accountId;
                sync.firstReadAt = now;
                sync.persist();
            }
            DataVersion.bump(accountId);
        });
    }
}
