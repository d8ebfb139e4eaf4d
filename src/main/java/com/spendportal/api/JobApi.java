package com.spendportal.api;

import com.spendportal.jobs.FolderNames;
import com.spendportal.jobs.Job;
import com.spendportal.jobs.JobFilter;
import com.spendportal.web.ApiException;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/accounts/{id}/jobs}: the account's jobs as last read from HeyGen (DESIGN §18), newest first, with the
 * jobs page's filters. At most {@code limit} (50 unless asked, at most 1,000); when there are older ones, a
 * {@code Link: <...>; rel="next"} header gives the address of the next page, as {@code /api/audit} does.
 */
@Path("/api/accounts/{id}/jobs")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
class JobApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;

    @Schema(name = "Job", description = "One job of the account's HeyGen job list, as last read (DESIGN §18).",
            requiredProperties = { "jobId", "status", "createdAt", "completedAt", "durationSeconds", "folderId",
                    "folderName", "kind", "title" })
    record JobJson(@Schema(description = "HeyGen's id of the job") String jobId,
            @Schema(enumeration = { "pending", "processing", "completed", "failed" }) String status,
            Instant createdAt,
            @Schema(nullable = true, description = "When it completed or failed; null while pending or processing")
            Instant completedAt,
            @Schema(nullable = true, description = "The video's duration in seconds (3 decimals), as HeyGen lists it;"
                    + " a completed job counts it on the UTC day of completedAt") BigDecimal durationSeconds,
            @Schema(nullable = true, description = "HeyGen's folder id; null for a job listed without a folder") String folderId,
            @Schema(nullable = true, description = "The folder's name as last read; null when it was not read (show the"
                    + " id) or the job has no folder") String folderName,
            @Schema(enumeration = { "VIDEO", "TRANSLATION" }, description = "TRANSLATION when HeyGen lists an"
                    + " output_language") String kind,
            @Schema(nullable = true, description = "At most 200 characters, control characters replaced by spaces")
            String title) {

        static JobJson of(Job job, FolderNames names) {
            return new JobJson(job.jobId, job.status, job.createdAt, job.completedAt, job.durationSeconds,
                    JobDayApi.folderId(job.folderId), names.name(job.folderId), job.kind, job.title);
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @APIResponse(responseCode = "200", description = "Newest first (createdAt, then jobId). When there are older jobs,"
            + " a Link header with rel=\"next\" gives the address of the next page.",
            headers = @Header(name = "Link", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = JobJson.class)))
    public Response list(@RestPath long id,
            @Parameter(description = "Jobs created in this UTC month, YYYY-MM") @RestQuery String month,
            @Parameter(description = "HeyGen's folder id; none for the jobs without a folder") @RestQuery String folder,
            @Parameter(description = "pending, processing, completed or failed") @RestQuery String status,
            @Parameter(description = "Jobs per page, 1 to 1000 (default 50)", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "1000")) @RestQuery("limit") String limitText,
            @Parameter(description = "The jobId of the last job of the previous page: the jobs listed after it (the next"
                    + " page)") @RestQuery String before) {
        AccountApi.account(id);
        Long limitValue = ApiException.longParameter("limit", limitText);
        JobFilter.Parsed parsed = JobFilter.parse(folder, status, month);
        Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
        if (limitValue != null && (limitValue < 1 || limitValue > MAX_LIMIT)) {
            errors.put("limit", "From 1 to " + MAX_LIMIT + ".");
        }
        Job.Cursor after = null;
        if (before != null && !before.isBlank()) {
            after = Job.cursorAfter(id, before.strip()).orElse(null);
            if (after == null) {
                errors.put("before", "This account has no job " + before.strip() + ".");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        int limit = limitValue == null ? DEFAULT_LIMIT : limitValue.intValue();
        List<Job> rows = Job.newest(id, parsed.filter(), after, limit + 1);
        FolderNames names = FolderNames.of(id);
        List<JobJson> jobs = rows.stream().limit(limit).map(job -> JobJson.of(job, names)).toList();
        Response.ResponseBuilder response = Response.ok(jobs);
        if (rows.size() > limit) {
            String query = parsed.filter().query();
            response.header("Link", "</api/accounts/" + id + "/jobs?" + (query.isEmpty() ? "" : query + "&") + "limit="
                    + limit + "&before=" + URLEncoder.encode(jobs.get(jobs.size() - 1).jobId(), StandardCharsets.UTF_8)
                    + ">; rel=\"next\"");
        }
        return response.build();
    }
}
