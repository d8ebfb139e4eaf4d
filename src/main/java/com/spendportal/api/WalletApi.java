package com.spendportal.api;

import com.spendportal.accounts.Account;
import com.spendportal.users.User;
import com.spendportal.wallet.RefreshResult;
import com.spendportal.wallet.WalletService;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /api/accounts/{id}/wallet/refresh}: reads the live wallet now. 200 with
 * {@code {ok, latestSnapshot, lastRefresh}} when HeyGen answered; otherwise the same fields plus
 * {@code error: {code, message}} under a status that says whose problem it is: 502 HeyGen refused or
 * failed, 504 it did not answer in time, 503 the circuit breaker is open, 429 rate limited (with
 * Retry-After), 409 no key / unreadable key / a refresh already running.
 */
@Path("/api/accounts/{id}/wallet")
@Produces(MediaType.APPLICATION_JSON)
class WalletApi {

    @Inject
    WalletService wallet;

    @POST
    @Path("refresh")
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public Response refresh(@RestPath long id) {
        RefreshResult result = wallet.refresh(id);
        Account account = Account.findById(id);
        if (result.status() == RefreshResult.Status.NOT_FOUND || account == null) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", result.ok());
        if (!result.ok()) {
            body.put("error", Map.of("code", result.code(), "message", result.message()));
        }
        body.put("latestSnapshot", AccountJson.SnapshotJson.of(WalletSnapshot.latestForAccount(account).orElse(null)));
        body.put("lastRefresh", AccountJson.LastRefresh.of(account));
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
