package com.spendportal.usage;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One valid line of a usage import: the month (a date already bucketed into its month), the
 * product ({@code ""} when blank), and seconds, dollars or both. {@code lineNumber} counts the
 * header as line 1 (for a JSON list, the entry's position from 1).
 */
public record UsageLine(int lineNumber, YearMonth month, String product, BigDecimal seconds, BigDecimal usd) {
}
