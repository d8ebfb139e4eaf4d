package com.spendportal.statements;

import java.math.BigDecimal;

/** The drawdown over the whole term and what is left of the package (negative once exceeded). */
public record PackageTotals(BigDecimal drawdownUsd, BigDecimal remainingUsd) {
}
