package com.spendportal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.accounts.Accounts;
import com.spendportal.audit.Audit;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.ApiException;
import com.spendportal.web.DataVersion;
import com.spendportal.web.Decimals;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /api/accounts/{id}/wallet-snapshots}: backfills balance history from a JSON list of
 * {@code {fetchedAt, remainingBalance}} (USD, stored as IMPORTED). One bad item rejects the whole
 * list with a 400 naming each bad item's index and field; nothing is stored.
 */
@Path("/api/accounts/{id}/wallet-snapshots")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class WalletSnapshotApi {

    static final int MAX_ITEMS = 10_000;
    /** Clock skew tolerated for a balance "read" slightly in the future. */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    @Schema(name = "BalancesImported")
    record Stored(int count) {
    }

    @Inject
    Audit audit;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, description = "Up to 10,000 balances; an imported balance at the same instant is replaced.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Balance.class)))
    public Stored importBalances(@RestPath long id, JsonNode body) {
        AccountApi.account(id);
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw new ApiException(400, "invalid", "Send a non-empty JSON list of {\"fetchedAt\": ..., \"remainingBalance\": ...}.");
        }
        if (body.size() > MAX_ITEMS) {
            throw new ApiException(400, "invalid", "At most " + MAX_ITEMS + " balances per call.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<WalletSnapshot.Imported> items = new ArrayList<>();
        Instant latestAllowed = Instant.now().plus(FUTURE_SKEW);
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            String at = "[" + i + "].";
            if (!item.isObject()) {
                errors.put("[" + i + "]", "Each item is an object {\"fetchedAt\": ..., \"remainingBalance\": ...}.");
                continue;
            }
            Instant fetchedAt = null;
            JsonNode when = item.get("fetchedAt");
            if (when == null || !when.isTextual()) {
                errors.put(at + "fetchedAt", "Required: an ISO-8601 instant such as 2026-03-31T23:00:00Z.");
            } else {
                try {
                    fetchedAt = Instant.parse(when.textValue().strip());
                    if (fetchedAt.isAfter(latestAllowed)) {
                        errors.put(at + "fetchedAt", "Must not be in the future.");
                    }
                } catch (DateTimeParseException e) {
                    errors.put(at + "fetchedAt", "Not an ISO-8601 instant such as 2026-03-31T23:00:00Z.");
                }
            }
            JsonNode balance = item.get("remainingBalance");
            Decimals.Parsed parsed = Decimals.parse(balance == null || balance.isNull() || balance.isContainerNode()
                    ? null : balance.asText(), 2, 12, true, false);
            if (!parsed.ok()) {
                errors.put(at + "remainingBalance", parsed.error());
            }
            items.add(new WalletSnapshot.Imported(fetchedAt, parsed.value()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        WalletSnapshot.storeImported(id, items);
        DataVersion.bump(id);
        Instant first = items.stream().map(WalletSnapshot.Imported::fetchedAt).min(Instant::compareTo).orElseThrow();
        Instant last = items.stream().map(WalletSnapshot.Imported::fetchedAt).max(Instant::compareTo).orElseThrow();
        audit.record("wallet.import", Accounts.target(id), Audit.detail().put("balances", items.size())
                .put("from", first.toString()).put("to", last.toString()));
        return new Stored(items.size());
    }
}
