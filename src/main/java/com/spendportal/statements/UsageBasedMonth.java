package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One month of a usage-based statement; the fields and rules of DESIGN §4, and the reconciliation of
 * DESIGN §16 against {@code totalUsd} ({@code invoicedUsd} and {@code differenceUsd} null while OPEN), and where the
 * usage came from (DESIGN §18): {@code jobSeconds} is the month's completed job seconds, null when the account's jobs
 * were never read.
 */
public record UsageBasedMonth(
        YearMonth month,
        int activeDays,
        int daysInMonth,
        BigDecimal commitmentUsd,
        BigDecimal includedSeconds,
        BigDecimal usedSeconds,
        BigDecimal includedUsedSeconds,
        BigDecimal unusedIncludedSeconds,
        BigDecimal overageSeconds,
        BigDecimal overageUsd,
        BigDecimal totalUsd,
        BigDecimal utilizationPct,
        MonthStatus status,
        BigDecimal invoicedUsd,
        BigDecimal differenceUsd,
        Reconciliation reconciliation,
        UsageSource usageSource,
        BigDecimal jobSeconds) {
}
