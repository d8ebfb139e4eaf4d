package com.spendportal.api;

import com.spendportal.statements.ContractModel;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Forecast;
import com.spendportal.statements.PackageMonth;
import com.spendportal.statements.PackageTotals;
import com.spendportal.statements.UsageBasedMonth;
import com.spendportal.statements.UsageBasedTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bodies that the API reads as a {@code JsonNode} or as text (to report every bad item at once, and to keep decimals
 * exact) or writes from a map, as records for {@code /q/openapi} only: no code builds them.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "Statement", description = "A contract's statement, one of two shapes told apart by model.",
            oneOf = { UsageBasedStatement.class, PackageStatement.class }, discriminatorProperty = "model",
            discriminatorMapping = {
                    @DiscriminatorMapping(value = "USAGE_BASED", schema = UsageBasedStatement.class),
                    @DiscriminatorMapping(value = "DOLLAR_PACKAGE", schema = PackageStatement.class) })
    interface Statement {
    }

    @Schema(description = "A usage-based statement: one row per month of the term (DESIGN §4).",
            requiredProperties = { "model", "months", "totals" })
    record UsageBasedStatement(@Schema(type = SchemaType.STRING, enumeration = "USAGE_BASED") String model,
            List<UsageBasedMonth> months, UsageBasedTotals totals) {
    }

    @Schema(description = "A dollar-package statement: one row per month of the term (DESIGN §5), with a forecast once"
            + " a month of the term has closed.", requiredProperties = { "model", "months", "totals" })
    record PackageStatement(@Schema(type = SchemaType.STRING, enumeration = "DOLLAR_PACKAGE") String model,
            List<PackageMonth> months, PackageTotals totals, Forecast forecast) {
    }

    @Schema(description = "One usage record: month (YYYY-MM) or date, and seconds or usd or both. Numbers may be JSON"
            + " numbers or strings (plain decimals, no exponent).")
    record UsageRecord(YearMonth month, LocalDate date, BigDecimal seconds, BigDecimal usd, String product, String note) {
    }

    @Schema(description = "A wallet balance read at some time, in USD.", requiredProperties = { "fetchedAt", "remainingBalance" })
    record Balance(Instant fetchedAt, BigDecimal remainingBalance) {
    }

    @Schema(description = "Contract terms (DESIGN §1, §7). USAGE_BASED: mmcUsd, contractRatePerSecond, overageRatePerSecond"
            + " and the pool as includedSecondsPerMonth or includedUsdPerMonth. DOLLAR_PACKAGE: packageUsd, and"
            + " contractRatePerSecond if usage comes in seconds. Amounts may be JSON numbers or decimal strings: dollars"
            + " with up to 2 decimals, rates up to 6.", requiredProperties = { "model", "startDate", "termMonths" })
    record ContractTerms(ContractModel model, LocalDate startDate, @Schema(minimum = "1", maximum = "60") int termMonths,
            BigDecimal mmcUsd, BigDecimal contractRatePerSecond, BigDecimal includedSecondsPerMonth,
            BigDecimal includedUsdPerMonth, BigDecimal overageRatePerSecond, BigDecimal packageUsd) {
    }

    @Schema(description = "The fields to change; those left out stay as they are. JSON null disconnects the API key or"
            + " clears the low-balance threshold (dollars, up to 2 decimals, as a number or a decimal string).")
    record AccountChanges(String name, @Schema(nullable = true) String apiKey,
            @Schema(nullable = true) BigDecimal lowBalanceThresholdUsd) {
    }

    @Schema(description = "A new cost centre (DESIGN §19): name unique whatever its case, 1 to 100 characters; ownerEmail"
            + " optional; monthlyBudgetUsd optional, over 0, as a JSON number or a decimal string with up to 2 places;"
            + " members optional, none held by another centre.", requiredProperties = "name")
    record CostCentreInput(String name, @Schema(nullable = true) String ownerEmail,
            @Schema(nullable = true) BigDecimal monthlyBudgetUsd, List<CostCentreApi.MemberJson> members) {
    }

    @Schema(description = "The fields to change; those left out stay as they are. JSON null clears ownerEmail or"
            + " monthlyBudgetUsd; members, when sent, replaces every member.")
    record CostCentreChanges(String name, @Schema(nullable = true) String ownerEmail,
            @Schema(nullable = true) BigDecimal monthlyBudgetUsd, List<CostCentreApi.MemberJson> members) {
    }
}
