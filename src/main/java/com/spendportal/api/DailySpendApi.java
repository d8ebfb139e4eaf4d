package com.spendportal.api;

import com.spendportal.spend.DailySpend;
import com.spendportal.spend.SpendRange;
import com.spendportal.statements.Statements;
import com.spendportal.wallet.WalletDays;
import com.spendportal.web.ApiException;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /api/accounts/{id}/daily-spend?from&to}: the account's daily spend against its baseline (DESIGN §15). */
@Path("/api/accounts/{id}/daily-spend")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
class DailySpendApi {

    @Schema(name = "DailySpend", description = "One UTC day's spend against the median of the 28 days before it"
            + " (DESIGN §15). Today counts with its spend so far.",
            requiredProperties = { "day", "spendUsd", "medianUsd", "thresholdUsd", "spike" })
    record DayJson(LocalDate day,
            @Schema(nullable = true, description = "The day's spend; null when the day is unknown (no readings, or a"
                    + " pause longer than portal.anomaly.max-gap), never 0 for unknown") BigDecimal spendUsd,
            @Schema(nullable = true, description = "The median of the known days among the 28 before, HALF_UP to"
                    + " cents; null with fewer than 14 known days") BigDecimal medianUsd,
            @Schema(nullable = true, description = "The spend a spike exceeds, HALF_UP to cents; null with fewer than"
                    + " 14 known days") BigDecimal thresholdUsd,
            @Schema(description = "The spend exceeds the exact threshold") boolean spike) {

        static DayJson of(DailySpend d) {
            return new DayJson(d.day(), d.spendUsd(), d.medianUsd(), d.thresholdUsd(), d.spike());
        }
    }

    @Inject
    PortalConfig config;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @APIResponse(responseCode = "200", description = "One entry per day from from to to, oldest first.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DayJson.class)))
    public List<DayJson> dailySpend(@RestPath long id,
            @Parameter(description = "First day, YYYY-MM-DD; 89 days before to when absent",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD; today (UTC) when absent (or 365 days after from); at most"
                    + " 366 days in all", schema = @Schema(type = SchemaType.STRING, format = "date")) @RestQuery String to) {
        AccountApi.account(id);
        SpendRange.Parsed range = SpendRange.parse(from, to, Statements.today());
        if (range.range() == null) {
            throw ApiException.invalid(range.errors());
        }
        return WalletDays.figures(id, range.range().from(), range.range().to(), WalletDays.rule(config)).stream()
                .map(DayJson::of).toList();
    }
}
