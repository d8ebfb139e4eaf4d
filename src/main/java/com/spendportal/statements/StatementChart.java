package com.spendportal.statements;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of the server-rendered SVG chart (no JavaScript): for a usage-based contract, used vs
 * included seconds per month with overage stacked on top; for a package, the remaining balance
 * against the straight-line pace of the term. The template only draws what this computes.
 */
public record StatementChart(int width, int height, List<Bar> bars, List<Label> labels, List<GridLine> grid,
        String remainingPoints, String pacePoints, int zeroY, boolean usageBased) {

    static final int WIDTH = 760;
    static final int HEIGHT = 240;
    static final int LEFT = 70;
    static final int RIGHT = 10;
    static final int TOP = 12;
    static final int BOTTOM = 28;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.US);

    /** One rectangle: {@code kind} is included, used or overage (a CSS class); {@code title} is its tooltip. */
    public record Bar(int x, int y, int w, int h, String kind, String title) {
    }

    public record Label(int x, int y, String text) {
    }

    /** A horizontal grid line at {@code y} with its value written at the left axis. */
    public record GridLine(int y, String text) {
        public int textX() {
            return LEFT - 6;
        }

        public int textY() {
            return y + 4;
        }
    }

    public static StatementChart of(Statement statement) {
        return statement.usageBased() ? usageBased(statement.usageMonths()) : dollarPackage(statement.packageMonths());
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static StatementChart usageBased(List<UsageBasedMonth> months) {
        BigDecimal max = BigDecimal.ONE;
        for (UsageBasedMonth m : months) {
            max = max.max(m.usedSeconds()).max(m.includedSeconds());
        }
        int n = Math.max(1, months.size());
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        int barWidth = (int) Math.max(3, slot * 0.6);
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            UsageBasedMonth m = months.get(i);
            int x = (int) (LEFT + i * slot + (slot - barWidth) / 2);
            int includedTop = y(m.includedSeconds(), max);
            bars.add(new Bar(x, includedTop, barWidth, y(BigDecimal.ZERO, max) - includedTop, "included",
                    m.month() + ": " + plain(m.includedSeconds()) + " s included"));
            int usedTop = y(m.includedUsedSeconds(), max);
            bars.add(new Bar(x, usedTop, barWidth, y(BigDecimal.ZERO, max) - usedTop, "used",
                    m.month() + ": " + plain(m.usedSeconds()) + " s used"));
            if (m.overageSeconds().signum() > 0) {
                int overTop = y(m.usedSeconds(), max);
                bars.add(new Bar(x, overTop, barWidth, usedTop - overTop, "overage",
                        m.month() + ": " + plain(m.overageSeconds()) + " s overage"));
            }
            labels.add(monthLabel(i, n, x + barWidth / 2, m.month()));
        }
        labels.removeIf(l -> l == null);
        return new StatementChart(WIDTH, HEIGHT, bars, labels, grid(BigDecimal.ZERO, max, " s"),
                "", "", y(BigDecimal.ZERO, max), true);
    }

    private static StatementChart dollarPackage(List<PackageMonth> months) {
        if (months.isEmpty()) {
            return new StatementChart(WIDTH, HEIGHT, List.of(), List.of(), List.of(), "", "", HEIGHT - BOTTOM, false);
        }
        PackageMonth first = months.get(0);
        BigDecimal packageUsd = first.remainingUsd().add(first.cumulativeDrawdownUsd());
        BigDecimal max = packageUsd.max(BigDecimal.ONE);
        BigDecimal min = BigDecimal.ZERO;
        for (PackageMonth m : months) {
            min = min.min(m.remainingUsd());
        }
        int n = months.size();
        double step = (WIDTH - LEFT - RIGHT) / (double) n;
        StringBuilder remaining = new StringBuilder().append(LEFT).append(',').append(y(packageUsd, min, max));
        StringBuilder pace = new StringBuilder().append(LEFT).append(',').append(y(packageUsd, min, max));
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PackageMonth m = months.get(i);
            int x = (int) (LEFT + (i + 1) * step);
            BigDecimal paceValue = packageUsd.multiply(BigDecimal.valueOf(100).subtract(m.termElapsedPct()))
                    .divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
            pace.append(' ').append(x).append(',').append(y(paceValue, min, max));
            if (m.status() != MonthStatus.UPCOMING) {
                remaining.append(' ').append(x).append(',').append(y(m.remainingUsd(), min, max));
            }
            labels.add(monthLabel(i, n, (int) (LEFT + (i + 0.5) * step), m.month()));
        }
        labels.removeIf(l -> l == null);
        return new StatementChart(WIDTH, HEIGHT, List.of(), labels, grid(min, max, ""),
                remaining.toString(), pace.toString(), y(BigDecimal.ZERO, min, max), false);
    }

    private static Label monthLabel(int i, int n, int x, java.time.YearMonth month) {
        int every = n <= 12 ? 1 : n <= 24 ? 2 : n <= 36 ? 3 : 6;
        return i % every == 0 ? new Label(x, HEIGHT - 8, MONTH.format(month)) : null;
    }

    private static int y(BigDecimal value, BigDecimal max) {
        return y(value, BigDecimal.ZERO, max);
    }

    private static int y(BigDecimal value, BigDecimal min, BigDecimal max) {
        BigDecimal span = max.subtract(min);
        if (span.signum() == 0) {
            return TOP + plotHeight();
        }
        BigDecimal fraction = value.subtract(min).divide(span, MathContext.DECIMAL64);
        return TOP + plotHeight() - fraction.multiply(BigDecimal.valueOf(plotHeight())).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    private static List<GridLine> grid(BigDecimal min, BigDecimal max, String unit) {
        List<GridLine> lines = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            BigDecimal v = min.add(max.subtract(min).multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(4), MathContext.DECIMAL64));
            lines.add(new GridLine(y(v, min, max), (unit.isEmpty() ? "$" : "") + compact(v) + unit));
        }
        return lines;
    }

    /** 1.2M, 600k, 950 */
    static String compact(BigDecimal v) {
        BigDecimal abs = v.abs();
        String sign = v.signum() < 0 ? "−" : "";
        if (abs.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
            return sign + abs.divide(BigDecimal.valueOf(1_000_000), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "M";
        }
        if (abs.compareTo(BigDecimal.valueOf(1_000)) >= 0) {
            return sign + abs.divide(BigDecimal.valueOf(1_000), 0, RoundingMode.HALF_UP).toPlainString() + "k";
        }
        return sign + abs.setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
