package com.spendportal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.spendportal.overview.AccountPlans;
import com.spendportal.plan.Plan;
import com.spendportal.plan.PlanInputs;
import com.spendportal.plan.PlanOption;
import com.spendportal.statements.ContractModel;
import com.spendportal.statements.Statements;
import com.spendportal.web.ApiException;
import com.spendportal.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /api/accounts/{id}/plan}: the plan for the next contract (DESIGN §14). */
@Path("/api/accounts/{id}/plan")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
class PlanApi {

    @Inject
    AccountPlans plans;

    @Schema(name = "PlanBasisMonth", requiredProperties = { "month", "seconds" })
    record BasisMonthJson(YearMonth month, BigDecimal seconds) {
    }

    @Schema(name = "PlanOption", description = "One option priced on the basis. Usage-based options have includedUsePct"
            + " (absent when the pool is 0); packages have annualDrawdownUsd, unusedUsd and topUpUsd.",
            requiredProperties = { "key", "label", "model", "expectedAnnualUsd", "p10Usd", "p50Usd", "p90Usd",
                    "savingVsCurrentUsd" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OptionJson(String key, String label, ContractModel model, BigDecimal expectedAnnualUsd, BigDecimal p10Usd,
            BigDecimal p50Usd, BigDecimal p90Usd,
            @Schema(nullable = true, description = "The current option's expected cost minus this one's; null without a contract")
            @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal savingVsCurrentUsd,
            BigDecimal includedUsePct, BigDecimal annualDrawdownUsd, BigDecimal unusedUsd, BigDecimal topUpUsd) {

        static OptionJson of(PlanOption o) {
            return new OptionJson(o.key(), o.label(), o.model(), o.expectedAnnualUsd(), o.p10Usd(), o.p50Usd(),
                    o.p90Usd(), o.savingVsCurrentUsd(), o.includedUsePct(), o.annualDrawdownUsd(), o.unusedUsd(),
                    o.topUpUsd());
        }
    }

    @Schema(name = "PlanBreakEven", requiredProperties = { "lower", "higher", "secondsPerMonth" })
    record BreakEvenJson(String lower, String higher,
            @Schema(nullable = true, description = "Smallest whole seconds a month at which the higher tier costs at most the lower")
            Long secondsPerMonth) {
    }

    @Schema(name = "Plan", description = "The plan for the next contract (DESIGN §14). Options are sorted by"
            + " expectedAnnualUsd, ties in the order CURRENT, the tiers by MMC, the packages by size. With fewer than 3"
            + " basis months there are no options and missing says why.",
            requiredProperties = { "asOf", "lookbackMonths", "growthPct", "basisMonths", "options", "recommended",
                    "breakEven" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlanJson(LocalDate asOf, int lookbackMonths, BigDecimal growthPct, List<BasisMonthJson> basisMonths,
            List<OptionJson> options,
            @Schema(nullable = true, description = "The key of the cheapest option; null without options")
            @JsonInclude(JsonInclude.Include.ALWAYS) String recommended,
            List<BreakEvenJson> breakEven,
            @Schema(description = "What kept options from being priced (history too short, a rate not known)") String missing) {

        static PlanJson of(Plan plan) {
            return new PlanJson(plan.asOf(), plan.lookbackMonths(), plan.growthPct(),
                    plan.basisMonths().stream().map(b -> new BasisMonthJson(b.month(), b.seconds())).toList(),
                    plan.options().stream().map(OptionJson::of).toList(), plan.recommended(),
                    plan.breakEven().stream().map(b -> new BreakEvenJson(b.lower(), b.higher(), b.secondsPerMonth())).toList(),
                    plan.missing());
        }
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.VIEWER })
    @Operation(summary = "Plan the next contract")
    @APIResponse(responseCode = "200", description = "Every option priced on the account's usage.",
            content = @Content(schema = @Schema(implementation = PlanJson.class)))
    public PlanJson plan(@RestPath long id,
            @Parameter(description = "Months of history, 3..36 (default 12)", schema = @Schema(type = SchemaType.INTEGER, minimum = "3", maximum = "36")) @RestQuery String lookbackMonths,
            @Parameter(description = "Growth of next term's usage in percent, -90..500 (default 0)", schema = @Schema(type = SchemaType.NUMBER)) @RestQuery String growthPct,
            @Parameter(description = "$/s of package quotes without their own rate (default the contract rate)", schema = @Schema(type = SchemaType.NUMBER)) @RestQuery String packageRate,
            @Parameter(description = "Comma list of distinct SIZE or SIZE@RATE (USD, $/s); default three sizes from the usage", schema = @Schema(type = SchemaType.STRING)) @RestQuery String packageSizes,
            @Parameter(description = "$/s of use beyond a package (default each package's own rate)", schema = @Schema(type = SchemaType.NUMBER)) @RestQuery String topUpRate,
            @Parameter(description = "YYYY-MM-DD; today (UTC) when absent", schema = @Schema(type = SchemaType.STRING, format = "date")) @RestQuery String asOf) {
        PlanInputs.Parsed parsed = PlanInputs.parse(new PlanInputs.Text(lookbackMonths, growthPct, packageRate,
                packageSizes, topUpRate, asOf), Statements.today());
        if (!parsed.ok()) {
            throw ApiException.invalid(parsed.errors());
        }
        Plan plan = plans.forAccount(id, parsed.inputs());
        if (plan == null) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
        return PlanJson.of(plan);
    }
}
