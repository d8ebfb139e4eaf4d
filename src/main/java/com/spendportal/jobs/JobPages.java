package com.spendportal.jobs;

import com.spendportal.accounts.Account;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /accounts/{id}/jobs}: an account's jobs as last read from HeyGen, newest first, filtered, 50 a page. */
@Path("/accounts/{id}/jobs")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
class JobPages {

    static final int PAGE_SIZE = 50;
    static final List<String> STATUSES = List.of(JobStatus.PENDING, JobStatus.PROCESSING, JobStatus.COMPLETED,
            JobStatus.FAILED);

    /**
     * One page of the list. {@code folder}, {@code status} and {@code month} are the form's values as typed;
     * {@code query} is the filter's (empty when it was refused) and {@code olderQuery}, the next page's, is null on the
     * last.
     */
    record View(Account account, boolean read, List<Job> jobs, FolderNames names, List<FolderNames.Folder> folders,
            String folder, String status, String month, Map<String, String> errors, String query, String olderQuery,
            boolean paged) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance jobs(View view, List<String> statuses);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@RestPath long id, @RestQuery String folder, @RestQuery String status, @RestQuery String month,
            @RestQuery String before) {
        Account account = Account.require(id);
        JobFilter.Parsed parsed = JobFilter.parse(folder, status, month);
        Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
        JobFilter filter = errors.isEmpty() ? parsed.filter() : JobFilter.ANY;
        Job.Cursor after = null;
        if (errors.isEmpty() && before != null && !before.isBlank()) {
            after = Job.cursorAfter(id, before.strip()).orElse(null);
            if (after == null) {
                errors.put("before", "This account has no job " + before.strip() + " to list the older ones from:"
                        + " the newest are shown.");
            }
        }
        List<Job> rows = Job.newest(id, filter, after, PAGE_SIZE + 1);
        List<Job> jobs = rows.subList(0, Math.min(rows.size(), PAGE_SIZE));
        String query = filter.query();
        String olderQuery = rows.size() > PAGE_SIZE ? (query.isEmpty() ? "" : query + "&") + "before="
                + URLEncoder.encode(jobs.get(jobs.size() - 1).jobId, StandardCharsets.UTF_8) : null;
        View view = new View(account, !JobSync.neverRead(id), jobs, FolderNames.of(id), FolderNames.known(id),
                value(folder), value(status), value(month), errors, query, olderQuery, after != null);
        return Response.status(errors.isEmpty() ? 200 : 400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.jobs(view, STATUSES)).build();
    }

    private static String value(String text) {
        return text == null ? "" : text.strip();
    }
}
