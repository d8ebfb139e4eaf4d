package com.spendportal.demo;

import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Tier;
import com.spendportal.statements.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample accounts of demo mode. Everything is a deterministic function of the load time and
 * the current time, so the built-in fake upstream needs no state of its own: a package balance
 * draws down at the account's usual monthly pace, month-to-date spend grows through the month.
 */
enum DemoProfile {

    /** A $120,000 prepaid dollar package, 12 months, started 7 months before the load month. */
    ACME("Demo · Acme Video Ops", "pkg", 7, "6500.00", null) {
        @Override
        ContractTerms terms(YearMonth start) {
            return ContractTerms.dollarPackage(start.atDay(1), 12, PACKAGE_USD, PACKAGE_RATE);
        }
    },
    /**
     * The $5,000 usage-based tier, some months in overage, and a busy current month: at least 84% of
     * its pool whatever the day, so the demo always has alerts firing (POOL_80, and an overage
     * projected early in a month).
     */
    INITECH("Demo · Initech Learning", "ub5k", 9, "560000", Tier.MMC_5000) {
        @Override
        ContractTerms terms(YearMonth start) {
            return usageBasedTerms(start, Tier.MMC_5000);
        }

        @Override
        BigDecimal shareOfMonthBy(Instant at) {
            return super.shareOfMonthBy(at).max(BUSY_MONTH);
        }
    },
    /** The $20,000 usage-based tier. */
    GLOBEX("Demo · Globex Media", "ub20k", 5, "2250000", Tier.MMC_20000) {
        @Override
        ContractTerms terms(YearMonth start) {
            return usageBasedTerms(start, Tier.MMC_20000);
        }
    };

    static final BigDecimal PACKAGE_USD = new BigDecimal("120000.00");
    /** The package's contract rate: its usage in seconds is its dollars at this rate. */
    static final BigDecimal PACKAGE_RATE = new BigDecimal("0.00750");
    /** The share of its usual month a busy account has used by any day of the current month. */
    static final BigDecimal BUSY_MONTH = new BigDecimal("0.9");
    /** Month-to-month variation of usage, so the statement has overage months and quiet ones. */
    private static final double[] PACE = {0.86, 0.93, 1.04, 0.97, 1.12, 1.01, 0.95, 1.08, 1.15, 0.99, 1.06, 0.91};
    private static final BigDecimal SECONDS_PER_MONTH = BigDecimal.valueOf(Duration.ofDays(30).toSeconds());

    final String accountName;
    final String keyTag;
    /** How many months before the load month the contract started. */
    final int monthsBefore;
    /** Usual usage per month: dollars for the package, seconds for a usage-based tier. */
    final BigDecimal monthly;
    final Tier tier;

    DemoProfile(String accountName, String keyTag, int monthsBefore, String monthly, Tier tier) {
        this.accountName = accountName;
        this.keyTag = keyTag;
        this.monthsBefore = monthsBefore;
        this.monthly = new BigDecimal(monthly);
        this.tier = tier;
    }

    abstract ContractTerms terms(YearMonth start);

    YearMonth start(Instant loadedAt) {
        return YearMonth.from(loadedAt.atZone(ZoneOffset.UTC)).minusMonths(monthsBefore);
    }

    /** Usage from the contract start through the load month, that month only up to the load time. */
    List<UsageRecord> usage(Instant loadedAt) {
        YearMonth current = YearMonth.from(loadedAt.atZone(ZoneOffset.UTC));
        List<UsageRecord> records = new ArrayList<>();
        YearMonth month = start(loadedAt);
        for (int i = 0; !month.isAfter(current); i++, month = month.plusMonths(1)) {
            BigDecimal amount = month.equals(current)
                    ? monthly.multiply(shareOfMonthBy(loadedAt))
                    : monthly.multiply(BigDecimal.valueOf(PACE[i % PACE.length]));
            records.add(tier == null
                    ? UsageRecord.ofUsd(month, "video", amount.setScale(2, RoundingMode.HALF_UP))
                    : UsageRecord.ofSeconds(month, "video", amount.setScale(3, RoundingMode.HALF_UP)));
        }
        return records;
    }

    /** The account's usual usage a day in seconds (a month of 30 days): what its demo job list renders. */
    BigDecimal secondsPerDay() {
        BigDecimal seconds = usageBased() ? monthly : monthly.divide(PACKAGE_RATE, 3, RoundingMode.HALF_UP);
        return seconds.divide(BigDecimal.valueOf(30), 3, RoundingMode.HALF_UP);
    }

    boolean usageBased() {
        return tier != null;
    }

    /** The package balance HeyGen would report: the package less the loaded usage, drawing down since. */
    BigDecimal balance(Instant loadedAt, Instant now) {
        BigDecimal used = usage(loadedAt).stream().map(UsageRecord::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal since = monthly.multiply(BigDecimal.valueOf(Math.max(0, Duration.between(loadedAt, now).toSeconds())))
                .divide(SECONDS_PER_MONTH, 2, RoundingMode.HALF_UP);
        return PACKAGE_USD.subtract(used).subtract(since).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
    }

    /** Month-to-date spend at the contract rate, growing through the month. */
    BigDecimal spendingCurrentUsd(Instant now) {
        return monthly.multiply(shareOfMonthBy(now)).multiply(tier.contractRatePerSecond).setScale(2, RoundingMode.HALF_UP);
    }

    /** A cap 1.5 times the monthly minimum, as an admin might set it. */
    BigDecimal spendingCapUsd() {
        return tier.mmcUsd.multiply(new BigDecimal("1.5")).setScale(2, RoundingMode.HALF_UP);
    }

    static DemoProfile forKey(String apiKey) {
        for (DemoProfile profile : values()) {
            if (apiKey.startsWith("demo_" + profile.keyTag + "_")) {
                return profile;
            }
        }
        return null;
    }

    /** How much of its usual month the account has used by {@code at}: the part of the month gone by. */
    BigDecimal shareOfMonthBy(Instant at) {
        return fractionOfMonth(at);
    }

    private static BigDecimal fractionOfMonth(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        Instant monthStart = day.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return BigDecimal.valueOf(Duration.between(monthStart, at).toSeconds())
                .divide(BigDecimal.valueOf(Duration.between(monthStart, monthEnd).toSeconds()), 6, RoundingMode.HALF_UP);
    }

    private static ContractTerms usageBasedTerms(YearMonth start, Tier tier) {
        return ContractTerms.usageBased(start.atDay(1), 12, tier.mmcUsd, tier.contractRatePerSecond,
                tier.includedSecondsPerMonth, null, tier.overageRatePerSecond);
    }
}
