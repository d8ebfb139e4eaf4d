package com.spendportal.spend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds wallet readings, oldest first, into the daily spend of DESIGN §15, per UTC day.
 *
 * <p>Two series of readings give spend: usd wallet balances (each decrease between consecutive usd
 * balances is spend of the later reading's day; an increase is a top-up, spend 0) and the
 * {@code spending_current_usd} of a {@code usage_based} wallet (each increase is spend; a decrease
 * starts a new period, and the later value is the spend since it began). A day is known when at
 * least one pair ends in it and no pair more than {@code maxGap} apart overlaps it: such a pair
 * counts on no day and makes every day from its first reading's to its second's unknown.
 *
 * <p>The fold can start in the middle of the history: given the last reading of each series before
 * its first reading, it yields for the days from {@code from} on exactly what a fold over the whole
 * history would. Pairs that end before {@code from} are not booked.
 */
public final class DailySpendFold {

    /** The last reading of one series: when it was read and its value. */
    public record Last(Instant at, BigDecimal value) {
    }

    private static final class Day {
        BigDecimal spend = BigDecimal.ZERO;
        int pairs;
        boolean gap;
    }

    private final Duration maxGap;
    private final LocalDate from;
    private final Map<LocalDate, Day> days = new TreeMap<>();
    private Last lastUsd;
    private Last lastUsage;

    /**
     * @param lastUsd   the last usd balance before the first reading to come; null if none
     * @param lastUsage the last usage-based spend before the first reading to come; null if none
     * @param maxGap    pairs further apart than this make the days they overlap unknown
     * @param from      the first day to book
     */
    public DailySpendFold(Last lastUsd, Last lastUsage, Duration maxGap, LocalDate from) {
        this.lastUsd = lastUsd;
        this.lastUsage = lastUsage;
        this.maxGap = maxGap;
        this.from = from;
    }

    /** A usd wallet balance (or an imported balance): it takes part in the usd series. */
    public static boolean usdBalance(String billingType, String currency, BigDecimal balance) {
        return balance != null && "usd".equalsIgnoreCase(currency) && (billingType == null || "wallet".equals(billingType));
    }

    /** A usage-based wallet's month-to-date spend: it takes part in the usage series. */
    public static boolean usageSpend(String billingType, BigDecimal spendingCurrentUsd) {
        return spendingCurrentUsd != null && "usage_based".equals(billingType);
    }

    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Adds the next reading; readings come in the order (fetchedAt, then storage order). */
    public DailySpendFold add(Instant at, String billingType, String currency, BigDecimal balance,
            BigDecimal spendingCurrentUsd) {
        if (usdBalance(billingType, currency, balance)) {
            if (lastUsd != null) {
                BigDecimal decrease = lastUsd.value().subtract(balance);
                pair(lastUsd.at(), at, decrease.signum() > 0 ? decrease : BigDecimal.ZERO);
            }
            lastUsd = new Last(at, balance);
        } else if (usageSpend(billingType, spendingCurrentUsd)) {
            if (lastUsage != null) {
                BigDecimal increase = spendingCurrentUsd.subtract(lastUsage.value());
                pair(lastUsage.at(), at, increase.signum() >= 0 ? increase : spendingCurrentUsd);
            }
            lastUsage = new Last(at, spendingCurrentUsd);
        }
        return this;
    }

    private void pair(Instant earlier, Instant later, BigDecimal spend) {
        LocalDate end = dayOf(later);
        if (Duration.between(earlier, later).compareTo(maxGap) > 0) {
            for (LocalDate d = dayOf(earlier).isBefore(from) ? from : dayOf(earlier); !d.isAfter(end); d = d.plusDays(1)) {
                days.computeIfAbsent(d, x -> new Day()).gap = true;
            }
            return;
        }
        if (end.isBefore(from)) {
            return;
        }
        Day day = days.computeIfAbsent(end, x -> new Day());
        day.pairs++;
        day.spend = day.spend.add(spend);
    }

    /** The known days from {@code from} on, oldest first; a day not listed is unknown. */
    public List<SpendDay> days() {
        List<SpendDay> known = new ArrayList<>();
        days.forEach((day, d) -> {
            if (d.pairs > 0 && !d.gap) {
                known.add(new SpendDay(day, d.spend, d.pairs));
            }
        });
        return known;
    }
}
