package com.spendportal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.spendportal.accounts.Account;
import com.spendportal.wallet.RefreshResult;
import com.spendportal.wallet.WalletService;
import com.spendportal.wallet.WalletSnapshot;
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
 * {@code POST /api/accounts/{id}/wallet/refresh}: reads the live wallet now. 200 with
 * {@code {ok, latestSnapshot, lastRefresh}} when HeyGen answered; otherwise the same fields plus
 * {@code error: {code, message}} under a status that says whose problem it is: 502 HeyGen refused or
 * failed, 504 it did not answer in time, 503 the circuit breaker is open, 429 rate limited (with
 * Retry-After), 409 no key / unreadable key / a refresh already running.
 */
@Path("/api/accounts/{id}/wallet")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
class WalletApi {

    /** The answer, whatever happened: {@code error} only when HeyGen could not be read. */
    @Schema(name = "WalletRefresh", requiredProperties = { "ok", "latestSnapshot", "lastRefresh" })
    record RefreshJson(boolean ok, @JsonInclude(JsonInclude.Include.NON_NULL) Failure error,
            AccountJson.SnapshotJson latestSnapshot, AccountJson.LastRefresh lastRefresh) {
    }

    @Schema(name = "RefreshError")
    record Failure(String code, String message) {
    }

    @Inject
    WalletService wallet;

    @POST
    @Path("refresh")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @APIResponse(responseCode = "200", description = "HeyGen answered: latestSnapshot is the new reading.",
            content = @Content(schema = @Schema(implementation = RefreshJson.class)))
    @APIResponse(responseCode = "409", description = "No API key, a key that cannot be decrypted, or a refresh already running.",
            content = @Content(schema = @Schema(implementation = RefreshJson.class)))
    @APIResponse(responseCode = "429", description = "HeyGen rate limits the key: try again after Retry-After seconds.",
            headers = @Header(name = "Retry-After", schema = @Schema(implementation = Long.class)),
            content = @Content(schema = @Schema(implementation = RefreshJson.class)))
    @APIResponse(responseCode = "502", description = "HeyGen refused the key or failed.",
            content = @Content(schema = @Schema(implementation = RefreshJson.class)))
    @APIResponse(responseCode = "503", description = "HeyGen failed repeatedly: calls pause for a minute (circuit breaker).",
            content = @Content(schema = @Schema(implementation = RefreshJson.class)))
    @APIResponse(responseCode = "504", description = "HeyGen did not answer in time.",
            content = @Content(schema = @Schema(implementation = RefreshJson.class)))
    public Response refresh(@RestPath long id) {
        RefreshResult result = wallet.refresh(id);
        Account account = Account.findById(id);
        if (result.status() == RefreshResult.Status.NOT_FOUND || account == null) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
        RefreshJson body = new RefreshJson(result.ok(), result.ok() ? null : new Failure(result.code(), result.message()),
                AccountJson.SnapshotJson.of(WalletSnapshot.latestForAccount(account).orElse(null)),
                AccountJson.LastRefresh.of(account));
        Response.ResponseBuilder response = Response.status(status(result)).entity(body);
        if (result.status() == RefreshResult.Status.RATE_LIMITED && result.retryAt() != null) {
            long seconds = Math.max(1, (Duration.between(Instant.now(), result.retryAt()).toMillis() + 999) / 1000);
            response.header("Retry-After", seconds);
        }
        return response.build();
    }

    private static int status(RefreshResult result) {
        return switch (result.status()) {
            case UPDATED -> 200;
            case RATE_LIMITED -> 429;
            case BUSY, NO_API_KEY -> 409;
            case NOT_FOUND -> 404;
            case FAILED -> switch (result.code()) {
                case "timeout" -> 504;
                case "circuit_open" -> 503;
                case "key_unreadable" -> 409;
                default -> 502;
            };
        };
    }
}
