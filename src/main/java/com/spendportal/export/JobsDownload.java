package com.spendportal.export;

import com.spendportal.accounts.Account;
import com.spendportal.jobs.FolderNames;
import com.spendportal.jobs.Job;
import com.spendportal.jobs.JobFilter;
import com.spendportal.web.ApiException;
import com.spendportal.web.Csv;
import com.spendportal.web.Downloads;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /accounts/{id}/jobs.csv?folder&status&month}: every job the jobs page's filter matches, newest first,
 * written as it is read, a thousand rows a query. {@code folder} is the folder as the page shows it.
 */
@Path("/accounts/{id}/jobs.csv")
class JobsDownload {

    static final List<String> HEADER = List.of("job_id", "created_at", "completed_at", "status", "folder_id", "folder",
            "kind", "duration_seconds", "title");
    /** Rows read per query while the CSV streams out. */
    static final int CHUNK = 1_000;

    @GET
    @Produces(Downloads.CSV)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response download(@RestPath long id, @RestQuery String folder, @RestQuery String status,
            @RestQuery String month) {
        Account.require(id);
        JobFilter.Parsed parsed = JobFilter.parse(folder, status, month);
        if (!parsed.errors().isEmpty()) {
            throw ApiException.invalid(parsed.errors());
        }
        JobFilter filter = parsed.filter();
        FolderNames names = FolderNames.of(id);
        return Downloads.csv("jobs-account-" + id + (filter.month() == null ? "" : "-" + filter.month()) + ".csv", out -> {
            Csv csv = Csv.withHeader(out, HEADER);
            Job.Cursor after = null;
            while (true) {
                Job.Cursor from = after;
                List<Job> chunk = QuarkusTransaction.requiringNew().call(() -> Job.newest(id, filter, from, CHUNK));
                for (Job job : chunk) {
                    csv.row(job.jobId, job.createdAt, job.completedAt, job.status, job.folderId, names.label(job.folderId),
                            job.kind, job.durationSeconds, job.title);
                }
                if (chunk.size() < CHUNK) {
                    break;
                }
                after = chunk.get(chunk.size() - 1).cursor();
            }
            csv.flush();
        });
    }
}
