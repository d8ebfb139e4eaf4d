package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One stored usage record: a month, a product ({@code ""} when blank) and the usage in seconds,
 * in dollars, or both.
 *
 * <p>Which figure counts depends on the contract (DESIGN §2): a usage-based contract counts the
 * seconds and converts a dollars-only record at its contract rate; a dollar package counts the
 * dollars and converts a seconds-only record at its contract rate.
 */
public record UsageRecord(YearMonth month, String product, BigDecimal seconds, BigDecimal usd) {

    public UsageRecord {
        Objects.requireNonNull(month, "month");
        product = product == null ? "" : product.strip();
        if (seconds == null && usd == null) {
            throw new IllegalArgumentException("a usage record needs seconds or usd");
        }
    }

    public static UsageRecord ofSeconds(YearMonth month, String product, BigDecimal seconds) {
        return new UsageRecord(month, product, seconds, null);
    }

    public static UsageRecord ofUsd(YearMonth month, String product, BigDecimal usd) {
        return new UsageRecord(month, product, null, usd);
    }
}
