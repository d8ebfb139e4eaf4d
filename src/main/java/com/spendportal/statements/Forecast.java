package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * Where a dollar package is heading, from the average drawdown of its last up to three CLOSED
 * months (DESIGN §5). {@code monthsOfRunway} is null when that average is 0 and something remains;
 * {@code projectedExhaustionMonth} is null when the package lasts the term.
 */
public record Forecast(
        List<YearMonth> basisMonths,
        BigDecimal avgMonthlyDrawdownUsd,
        BigDecimal monthsOfRunway,
        YearMonth projectedExhaustionMonth,
        BigDecimal projectedUnusedAtTermEndUsd) {

    public Forecast {
        basisMonths = List.copyOf(basisMonths);
    }
}
