package com.spendportal.statements;

import java.math.BigDecimal;

/** Sums of the rounded row values of a usage-based statement. */
public record UsageBasedTotals(
        BigDecimal commitmentUsd,
        BigDecimal includedSeconds,
        BigDecimal usedSeconds,
        BigDecimal includedUsedSeconds,
        BigDecimal unusedIncludedSeconds,
        BigDecimal overageSeconds,
        BigDecimal overageUsd,
        BigDecimal totalUsd) {
}
