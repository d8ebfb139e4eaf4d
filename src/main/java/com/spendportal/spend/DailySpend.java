package com.spendportal.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One day's spend against its baseline (DESIGN §15).
 *
 * @param spendUsd     the day's spend (so far, for today); null when the day is unknown
 * @param medianUsd    the baseline's median, HALF_UP to cents; null without a baseline (fewer than 14 known days)
 * @param thresholdUsd the spend a spike exceeds, HALF_UP to cents; null without a baseline
 * @param spike        whether the spend exceeds the exact threshold
 * @param baseline     the exact baseline, or null
 */
public record DailySpend(LocalDate day, BigDecimal spendUsd, BigDecimal medianUsd, BigDecimal thresholdUsd,
        boolean spike, SpikeRule.Baseline baseline) {

    /** The spend above the median, HALF_UP to cents; null without a spend or a baseline. */
    public BigDecimal excessUsd() {
        return spendUsd == null || baseline == null ? null : SpikeRule.cents(spendUsd.subtract(baseline.median()));
    }

    /** The excess in percent of the median, HALF_UP to 1 decimal; null when the median is 0 or there is no excess. */
    public BigDecimal excessPct() {
        if (spendUsd == null || baseline == null || baseline.median().signum() == 0) {
            return null;
        }
        return spendUsd.subtract(baseline.median()).multiply(BigDecimal.valueOf(100))
                .divide(baseline.median(), 1, RoundingMode.HALF_UP);
    }
}
