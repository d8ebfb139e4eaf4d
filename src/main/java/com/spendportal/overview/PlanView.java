package com.spendportal.overview;

import com.spendportal.plan.BasisMonth;
import com.spendportal.plan.BreakEven;
import com.spendportal.plan.Plan;
import com.spendportal.plan.PlanOption;
import com.spendportal.statements.Tier;
import com.spendportal.web.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the plan page shows of a {@link Plan}: the options with the geometry of their range bars (p10 to p90 on one
 * scale for every option, 0 to 100), and the break-even points in words.
 */
public record PlanView(Plan plan, List<Row> rows, List<String> breakEvens, BigDecimal averageSeconds,
        BigDecimal oneRate) {

    /** One option's row; {@code x10}, {@code x50}, {@code x90} place its range on the shared scale. */
    public record Row(PlanOption option, boolean recommended, String x10, String x50, String width) {

        /** The range in words, for the bar's accessible name. */
        public String rangeText() {
            return "p10 " + Formats.usd(option.p10Usd()) + ", median " + Formats.usd(option.p50Usd()) + ", p90 "
                    + Formats.usd(option.p90Usd());
        }
    }

    static PlanView of(Plan plan) {
        BigDecimal max = plan.options().stream().map(o -> o.p90Usd() == null ? o.expectedAnnualUsd() : o.p90Usd())
                .max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        List<Row> rows = plan.options().stream().map(o -> new Row(o, o.key().equals(plan.recommended()),
                x(o.p10Usd(), max), x(o.p50Usd(), max), width(o, max))).toList();
        List<String> words = plan.breakEven().stream().map(PlanView::words).toList();
        BigDecimal average = plan.basisMonths().isEmpty() ? null
                : plan.basisMonths().stream().map(BasisMonth::seconds).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(plan.basisMonths().size()), 0, RoundingMode.HALF_UP);
        BigDecimal oneRate = plan.oneRateForAllSizes() ? plan.options().stream().map(PlanOption::ratePerSecond)
                .filter(r -> r != null).findFirst().orElse(null) : null;
        return new PlanView(plan, rows, words, average, oneRate);
    }

    private static String x(BigDecimal value, BigDecimal max) {
        if (value == null || max.signum() == 0) {
            return "0";
        }
        return value.multiply(BigDecimal.valueOf(100)).divide(max, 1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String width(PlanOption o, BigDecimal max) {
        if (o.p10Usd() == null || max.signum() == 0) {
            return "0";
        }
        BigDecimal w = o.p90Usd().subtract(o.p10Usd()).multiply(BigDecimal.valueOf(100)).divide(max, 1, RoundingMode.HALF_UP);
        return w.max(new BigDecimal("0.8")).toPlainString(); // a collapsed range still shows as a mark
    }

    static String words(BreakEven b) {
        String lower = Formats.usd(Tier.valueOf(b.lower()).mmcUsd).replace(".00", "") + "/month";
        String higher = Formats.usd(Tier.valueOf(b.higher()).mmcUsd).replace(".00", "") + "/month";
        if (b.secondsPerMonth() == null) {
            return higher + " never costs less than " + lower + ".";
        }
        return higher + " is cheaper than " + lower + " above " + Formats.secs(BigDecimal.valueOf(b.secondsPerMonth()))
                + " a month (from that many seconds on it costs no more).";
    }
}
