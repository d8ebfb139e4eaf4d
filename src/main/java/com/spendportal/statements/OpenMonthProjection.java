package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * Month-end projection of a usage-based OPEN month (DESIGN §4): the usage so far extended at the
 * same daily pace over the month's active days, and the overage and invoice it would lead to.
 * {@code elapsedDays} counts the month's active days up to and including {@code asOf}.
 */
public record OpenMonthProjection(
        YearMonth month,
        int elapsedDays,
        BigDecimal projectedUsedSeconds,
        BigDecimal projectedOverageSeconds,
        BigDecimal projectedOverageUsd,
        BigDecimal projectedTotalUsd) {
}
