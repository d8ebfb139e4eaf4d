package com.spendportal.support;

import com.spendportal.jobs.Job;
import com.spendportal.jobs.JobDays;
import com.spendportal.jobs.JobSync;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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

    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FEB_2 = Instant.parse("2026-02-02T09:00:00Z");

    /**
     * 60 jobs created an hour apart from 1 Jan 2026 (job-000 the oldest): every third in Marketing, every third in a folder
     * never read, the rest without folder; job-007 failed, job-059 still processing; two in February.
     */
    public static long accountWithSixtyJobs() {
        long id = Api.createAccount(Api.uniqueName("Jobs page"), null);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 58; i++) {
            Instant created = JAN.plus(Duration.ofHours(i));
            String folder = i % 3 == 0 ? "fld_mkt" : i % 3 == 1 ? "fld_unread" : "";
            String title = i == 5 ? "<script>alert('x')</script> & co" : i == 6 ? "=HYPERLINK(\"http://x\")" : "Video " + i;
            if (i == 7) {
                jobs.add(job("job-007", "failed", created, created.plusSeconds(300), null, folder, Job.VIDEO, title));
            } else {
                jobs.add(job(String.format("job-%03d", i), "completed", created, created.plusSeconds(600),
                        i == 1 ? "92.417" : "60", folder, i % 10 == 4 ? Job.TRANSLATION : Job.VIDEO, title));
            }
        }
        jobs.add(completed("job-058", FEB_2, FEB_2.plusSeconds(60), "30.5", "fld_mkt", "February one"));
        jobs.add(job("job-059", "processing", FEB_2.plusSeconds(3600), null, null, "", Job.VIDEO, null));
        Map<String, String> folders = new HashMap<>();
        folders.put("fld_mkt", "Marketing");
        folders.put("fld_unread", null);
        store(id, folders, jobs);
        return id;
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
