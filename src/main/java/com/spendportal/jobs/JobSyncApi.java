package com.spendportal.jobs;

import com.spendportal.wallet.UpstreamFailure;
import com.spendportal.web.ApiException;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /api/accounts/{id}/jobs/sync}: reads the account's job list from HeyGen now (DESIGN §18) and answers
 * when done with what it read, {@code {pages, jobsRead, jobsNew, jobsUpdated, lookups, skipped, error}}. {@code error}
 * is null when the sync completed, else {@code {code, message}} under a status that says whose problem it is (as the
 * wallet's refresh): 502 HeyGen refused or failed (a key whose list is refused: {@code jobs_not_available}), 504 it
 * did not answer in time, 503 the circuit breaker is open or the database failed, 429 rate limited (with Retry-After),
 * 409 no key, a key that cannot be decrypted, or a sync already running. What a failed sync read before it stopped
 * is stored and counted all the same.
 */
@Path("/api/accounts/{id}/jobs/sync")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
class JobSyncApi {

    @Schema(name = "JobSyncResult", description = "What one sync of the job list read and stored.",
            requiredProperties = { "pages", "jobsRead", "jobsNew", "jobsUpdated", "lookups", "skipped", "error" })
    record SyncJson(@Schema(description = "Pages of the list read.") int pages,
            @Schema(description = "Jobs read from the list, each once however often the list showed it.") int jobsRead,
            @Schema(description = "Of those, jobs stored for the first time.") int jobsNew,
            @Schema(description = "Jobs whose stored row changed (from the list or asked for by id).") int jobsUpdated,
            @Schema(description = "Pending or processing jobs the walk did not reach, asked for by id.") int lookups,
            @Schema(description = "What HeyGen sent that could not be used: jobs that cannot be stored as listed, a page"
                    + " that is not JSON or says more follow without a token, a folder name with control characters.")
            int skipped,
            @Schema(nullable = true, description = "Null when the sync completed; else what stopped it.") ErrorJson error) {

        static SyncJson of(SyncResult result) {
            return new SyncJson(result.pages(), result.jobsRead(), result.jobsNew(), result.jobsUpdated(), result.lookups(),
                    result.skipped(), result.ok() ? null : new ErrorJson(result.error().code(), result.error().message()));
        }
    }

    @Schema(name = "JobSyncError", requiredProperties = { "code", "message" })
    record ErrorJson(String code, String message) {
    }

    @Inject
    JobSyncService jobs;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "The sync completed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJson.class)))
    @APIResponse(responseCode = "409", description = "No API key, a key that cannot be decrypted, or a sync already running.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJson.class)))
    @APIResponse(responseCode = "429", description = "HeyGen rate limits the key: try again after Retry-After seconds.",
            headers = @Header(name = "Retry-After", schema = @Schema(implementation = Long.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJson.class)))
    @APIResponse(responseCode = "502", description = "HeyGen refused the key the job list, failed, or sent what cannot be read.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJson.class)))
    @APIResponse(responseCode = "503", description = "HeyGen failed repeatedly (calls pause for a minute), or the jobs read"
            + " could not be stored.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SyncJson.class)))
    @APIResponse(responseCode = "504", description = "HeyGen did not answer in time.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJson.class)))
    public Response sync(@RestPath long id) {
        SyncResult result = jobs.sync(id, true);
        if (!result.ok() && SyncResult.NOT_FOUND.equals(result.error().code())) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
        Response.ResponseBuilder response = Response.status(status(result)).entity(SyncJson.of(result));
        if (result.retryAt() != null && !result.ok() && UpstreamFailure.RATE_LIMITED.equals(result.error().code())) {
            long seconds = Math.max(1, (Duration.between(Instant.now(), result.retryAt()).toMillis() + 999) / 1000);
            response.header("Retry-After", seconds);
        }
        return response.build();
    }

    static int status(SyncResult result) {
        if (result.ok()) {
            return 200;
        }
        return switch (result.error().code()) {
            case UpstreamFailure.RATE_LIMITED -> 429;
            case SyncResult.NO_API_KEY, SyncResult.SYNC_RUNNING, UpstreamFailure.KEY_UNREADABLE -> 409;
            case UpstreamFailure.TIMEOUT -> 504;
            case UpstreamFailure.CIRCUIT_OPEN, SyncResult.STORE_FAILED -> 503;
            default -> 502;
        };
    }
}
