package com.spendportal.plan;

import java.math.BigDecimal;
import java.time.YearMonth;

/** One month of the plan's basis and its seconds {@code s_m} as used (before growth). */
public record BasisMonth(YearMonth month, BigDecimal seconds) {
}
