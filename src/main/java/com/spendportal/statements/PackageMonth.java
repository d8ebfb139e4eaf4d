package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One month of a dollar-package statement; the fields and rules of DESIGN §5.
 * {@code walletDrawdownUsd} is null when no wallet snapshot pair lands in the month,
 * {@code topUpsUsd} when the wallet shows no increase in it. The reconciliation of DESIGN §16 holds
 * the invoice against {@code drawdownUsd} ({@code invoicedUsd} and {@code differenceUsd} null while OPEN).
 * {@code jobSeconds} (DESIGN §18) is shown beside the drawdown and changes nothing in it; null when the account's
 * jobs were never read.
 */
public record PackageMonth(
        YearMonth month,
        int activeDays,
        int daysInMonth,
        BigDecimal drawdownUsd,
        DrawdownSource drawdownSource,
        BigDecimal cumulativeDrawdownUsd,
        BigDecimal remainingUsd,
        BigDecimal consumedPct,
        BigDecimal termElapsedPct,
        BigDecimal walletDrawdownUsd,
        BigDecimal topUpsUsd,
        MonthStatus status,
        BigDecimal invoicedUsd,
        BigDecimal differenceUsd,
        Reconciliation reconciliation,
        BigDecimal jobSeconds) {
}
