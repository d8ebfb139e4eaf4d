package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The terms of one contract, as the statement engine reads them.
 *
 * <p>Usage-based contracts fill {@code mmcUsd}, {@code contractRatePerSecond}, exactly one of
 * {@code includedSecondsPerMonth} / {@code includedUsdPerMonth}, and {@code overageRatePerSecond}.
 * Dollar packages fill {@code packageUsd} and optionally {@code contractRatePerSecond}; without a
 * rate a package takes usage in dollars only.
 */
public record ContractTerms(
        ContractModel model,
        LocalDate startDate,
        int termMonths,
        BigDecimal mmcUsd,
        BigDecimal contractRatePerSecond,
        BigDecimal includedSecondsPerMonth,
        BigDecimal includedUsdPerMonth,
        BigDecimal overageRatePerSecond,
        BigDecimal packageUsd) {

    /** The last day of the term, inclusive. */
    public LocalDate endDate() {
        return startDate.plusMonths(termMonths).minusDays(1);
    }

    public static ContractTerms usageBased(LocalDate startDate, int termMonths, BigDecimal mmcUsd,
            BigDecimal contractRatePerSecond, BigDecimal includedSecondsPerMonth, BigDecimal includedUsdPerMonth,
            BigDecimal overageRatePerSecond) {
        return new ContractTerms(ContractModel.USAGE_BASED, startDate, termMonths, mmcUsd, contractRatePerSecond,
                includedSecondsPerMonth, includedUsdPerMonth, overageRatePerSecond, null);
    }

    public static ContractTerms dollarPackage(LocalDate startDate, int termMonths, BigDecimal packageUsd,
            BigDecimal contractRatePerSecond) {
        return new ContractTerms(ContractModel.DOLLAR_PACKAGE, startDate, termMonths, null, contractRatePerSecond,
                null, null, null, packageUsd);
    }
}
