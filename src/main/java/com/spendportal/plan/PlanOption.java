package com.spendportal.plan;

import com.spendportal.statements.ContractModel;
import java.math.BigDecimal;

/**
 * One candidate contract priced on the plan's usage (DESIGN §14). Usage-based options fill
 * {@code includedUsePct}; packages fill {@code annualDrawdownUsd}, {@code unusedUsd} and {@code topUpUsd}, and carry
 * the rates they were priced at. {@code savingVsCurrentUsd} is null without a current contract.
 */
public record PlanOption(String key, String label, ContractModel model, BigDecimal expectedAnnualUsd,
        BigDecimal p10Usd, BigDecimal p50Usd, BigDecimal p90Usd, BigDecimal savingVsCurrentUsd,
        BigDecimal includedUsePct, BigDecimal annualDrawdownUsd, BigDecimal unusedUsd, BigDecimal topUpUsd,
        BigDecimal ratePerSecond, BigDecimal topUpRatePerSecond, boolean current) {

    public boolean usageBased() {
        return model == ContractModel.USAGE_BASED;
    }
}
