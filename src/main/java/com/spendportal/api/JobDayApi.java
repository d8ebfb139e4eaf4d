package com.spendportal.api;

import com.spendportal.jobs.FolderNames;
import com.spendportal.jobs.JobDays;
import com.spendportal.spend.SpendRange;
import com.spendportal.statements.Statements;
import com.spendportal.web.ApiException;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/accounts/{id}/job-days?from&to}: the account's completed jobs and their seconds per UTC day, folder
 * and kind ({@code job_day}, DESIGN §18). By default this month; at most {@value SpendRange#MAX_DAYS} days at once.
 */
@Path("/api/accounts/{id}/job-days")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
class JobDayApi {

    @Schema(name = "JobDay", description = "One UTC day, folder and kind of the account's completed jobs (DESIGN §18):"
            + " a completed job counts its duration on the day it completed; pending, processing and failed jobs count 0"
            + " and are not here.", requiredProperties = { "day", "folderId", "folderName", "kind", "jobs", "seconds" })
    record JobDayJson(LocalDate day,
            @Schema(nullable = true, description = "HeyGen's folder id; null for the jobs without a folder") String folderId,
            @Schema(nullable = true, description = "The folder's name as last read; null when it was not read (show the"
                    + " id) or for the jobs without a folder") String folderName,
            @Schema(enumeration = { "VIDEO", "TRANSLATION" }) String kind,
            @Schema(description = "Completed jobs") long jobs,
            @Schema(description = "Their durations' sum in seconds, 3 decimals") BigDecimal seconds) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @APIResponse(responseCode = "200", description = "Oldest day first, then folder and kind; days without completed"
            + " jobs are left out, and so is everything while the account's jobs were never read.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = JobDayJson.class)))
    public List<JobDayJson> jobDays(@RestPath long id,
            @Parameter(description = "First day, YYYY-MM-DD; the first of to's month when absent (of this month, UTC,"
                    + " when both are)", schema = @Schema(type = SchemaType.STRING, format = "date")) @RestQuery String from,
            @Parameter(description = "Last day (included), YYYY-MM-DD; the last of from's month when absent; at most"
                    + " 366 days in all", schema = @Schema(type = SchemaType.STRING, format = "date")) @RestQuery String to) {
        AccountApi.account(id);
        SpendRange.Parsed parsed = SpendRange.parseMonth(from, to, Statements.today());
        if (parsed.range() == null) {
            throw ApiException.invalid(parsed.errors());
        }
        LocalDate fromDay = parsed.range().from();
        LocalDate toDay = parsed.range().to();
        FolderNames names = FolderNames.of(id);
        return JobDays.between(id, fromDay, toDay).stream().map(r -> new JobDayJson(r.day(), folderId(r.folderId()),
                names.name(r.folderId()), r.kind(), r.jobs(), r.seconds())).toList();
    }

    /** A folder id as the API gives it: null for none. */
    static String folderId(String stored) {
        return stored == null || stored.equals(JobDays.NO_FOLDER) ? null : stored;
    }
}
