package com.spendportal.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The spike rule of DESIGN §15. Day d's spend {@code x} is a spike when at least 14 of the 28 days
 * before d are known and {@code x > median + max(k * 1.4826 * mad, median * p / 100, minUsd)},
 * with the median and the median absolute deviation of those known days. Every figure is exact
 * (the median of an even count is the mean of the two middle values); only what is shown is
 * rounded, HALF_UP to cents.
 *
 * @param madFactor      {@code k}, {@code portal.anomaly.mad-factor}
 * @param minIncreasePct {@code p}, {@code portal.anomaly.min-increase-pct}
 * @param minUsd         {@code portal.anomaly.min-usd}
 */
public record SpikeRule(BigDecimal madFactor, BigDecimal minIncreasePct, BigDecimal minUsd) {

    /** How many days before d make its baseline, and how many of them must be known. */
    public static final int BASELINE_DAYS = 28;
    public static final int MIN_KNOWN_DAYS = 14;
    /** Scales the MAD to the standard deviation of normally distributed spend. */
    static final BigDecimal MAD_SCALE = new BigDecimal("1.4826");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public static final SpikeRule DEFAULTS = new SpikeRule(new BigDecimal("3.5"), new BigDecimal("50"), new BigDecimal("50"));

    /** The baseline of a day: its exact median, MAD and threshold, and how many known days made it. */
    public record Baseline(BigDecimal median, BigDecimal mad, BigDecimal threshold, int knownDays) {
    }

    /** The baseline of {@code day} from the known days' spend, or null with fewer than 14 known days. */
    public Baseline baseline(LocalDate day, Map<LocalDate, BigDecimal> known) {
        List<BigDecimal> values = new ArrayList<>();
        for (int i = BASELINE_DAYS; i >= 1; i--) {
            BigDecimal x = known.get(day.minusDays(i));
            if (x != null) {
                values.add(x);
            }
        }
        if (values.size() < MIN_KNOWN_DAYS) {
            return null;
        }
        BigDecimal median = median(values);
        List<BigDecimal> deviations = new ArrayList<>();
        for (BigDecimal x : values) {
            deviations.add(x.subtract(median).abs());
        }
        BigDecimal mad = median(deviations);
        BigDecimal margin = madFactor.multiply(MAD_SCALE).multiply(mad)
                .max(median.multiply(minIncreasePct).movePointLeft(2))
                .max(minUsd);
        return new Baseline(median, mad, median.add(margin), values.size());
    }

    /** The median; of an even count, the mean of the two middle values (exact). */
    public static BigDecimal median(Collection<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            throw new IllegalArgumentException("The median of nothing");
        }
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
    }

    /** Day d's figure: its spend (null when unknown), its baseline shown to cents, and whether it is a spike. */
    public DailySpend figure(LocalDate day, Map<LocalDate, BigDecimal> known) {
        BigDecimal spend = known.get(day);
        Baseline baseline = baseline(day, known);
        if (baseline == null) {
            return new DailySpend(day, spend, null, null, false, null);
        }
        boolean spike = spend != null && spend.compareTo(baseline.threshold()) > 0;
        return new DailySpend(day, spend, cents(baseline.median()), cents(baseline.threshold()), spike, baseline);
    }

    /** The figures of the days {@code from} to {@code to}, oldest first; {@code known} must reach 28 days before {@code from}. */
    public List<DailySpend> figures(LocalDate from, LocalDate to, Map<LocalDate, BigDecimal> known) {
        List<DailySpend> figures = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            figures.add(figure(d, known));
        }
        return figures;
    }

    static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
