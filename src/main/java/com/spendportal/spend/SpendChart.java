package com.spendportal.spend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of the server-rendered SVG chart of daily spend (no JavaScript): a bar per known day
 * (spikes in their own colour with a mark above), the baseline band from the median to the spike
 * threshold behind the bars, and a short grey tick on the axis for each unknown day. The template
 * only draws what this computes.
 */
public record SpendChart(int width, int height, List<Bar> bars, List<Bar> bands, List<Bar> unknown, List<Mark> marks,
        List<Label> labels, List<GridLine> grid, int left, int right, int zeroY) {

    static final int WIDTH = 760;
    static final int HEIGHT = 260;
    static final int LEFT = 76;
    static final int RIGHT = 10;
    static final int TOP = 16;
    static final int BOTTOM = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.US);

    /** A rectangle with its tooltip; {@code kind} is a CSS class suffix. */
    public record Bar(int x, int y, int w, int h, String kind, String title) {
    }

    /** A spike's mark: a circle above its bar. */
    public record Mark(int cx, int cy) {
    }

    /**
     * An axis label; the last one ends at its day so that it stays inside the chart. Every other one
     * is {@code minor}: a narrow screen shows only the others.
     */
    public record Label(int x, int y, String text, String anchor, boolean minor) {
    }

    public record GridLine(int y, String text) {
        public int textX() {
            return LEFT - 6;
        }

        public int textY() {
            return y + 4;
        }
    }

    public static SpendChart of(List<DailySpend> days) {
        BigDecimal max = BigDecimal.ONE;
        for (DailySpend d : days) {
            if (d.spendUsd() != null) {
                max = max.max(d.spendUsd());
            }
            if (d.baseline() != null) {
                max = max.max(d.baseline().threshold());
            }
        }
        max = niceCeiling(max);
        int n = Math.max(1, days.size());
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        int barWidth = (int) Math.max(2, Math.round(slot * 0.7));
        int zeroY = y(BigDecimal.ZERO, max);
        List<Bar> bars = new ArrayList<>();
        List<Bar> bands = new ArrayList<>();
        List<Bar> unknown = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int every = n <= 14 ? 1 : n <= 31 ? 7 : 15;
        for (int i = 0; i < days.size(); i++) {
            DailySpend d = days.get(i);
            int slotX = (int) Math.round(LEFT + i * slot);
            int nextX = (int) Math.round(LEFT + (i + 1) * slot);
            int x = (int) Math.round(LEFT + i * slot + (slot - barWidth) / 2);
            if (d.baseline() != null) {
                int top = y(d.baseline().threshold(), max);
                int bottom = y(d.baseline().median(), max);
                bands.add(new Bar(slotX, top, nextX - slotX, Math.max(1, bottom - top), "band",
                        d.day() + ": usual " + plain(d.medianUsd()) + " to " + plain(d.thresholdUsd())));
            }
            if (d.spendUsd() == null) {
                unknown.add(new Bar(x, zeroY + 2, barWidth, 4, "unknown", d.day() + ": unknown"));
            } else {
                int top = y(d.spendUsd(), max);
                bars.add(new Bar(x, top, barWidth, Math.max(zeroY - top, d.spendUsd().signum() > 0 ? 1 : 0),
                        d.spike() ? "spike" : "spend", d.day() + ": " + plain(d.spendUsd()) + (d.spike() ? " (spike)" : "")));
                if (d.spike()) {
                    marks.add(new Mark(x + barWidth / 2, Math.max(TOP - 6, top - 7)));
                }
            }
            if ((days.size() - 1 - i) % every == 0) {
                labels.add(new Label(i == days.size() - 1 ? x + barWidth : x + barWidth / 2, HEIGHT - 8, DAY.format(d.day()),
                        i == days.size() - 1 && days.size() > 1 ? "end" : "middle", (days.size() - 1 - i) / every % 2 == 1));
            }
        }
        List<GridLine> grid = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            BigDecimal v = max.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(4), MathContext.DECIMAL64);
            grid.add(new GridLine(y(v, max), "$" + compact(v)));
        }
        return new SpendChart(WIDTH, HEIGHT, bars, bands, unknown, marks, labels, grid, LEFT, WIDTH - RIGHT, zeroY);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}. */
    static BigDecimal niceCeiling(BigDecimal value) {
        BigDecimal power = BigDecimal.ONE;
        while (power.multiply(BigDecimal.TEN).compareTo(value) < 0) {
            power = power.multiply(BigDecimal.TEN);
        }
        for (int step : new int[] {1, 2, 5, 10}) {
            BigDecimal candidate = power.multiply(BigDecimal.valueOf(step));
            if (candidate.compareTo(value) >= 0) {
                return candidate;
            }
        }
        return power.multiply(BigDecimal.TEN);
    }

    private static int y(BigDecimal value, BigDecimal max) {
        int plot = HEIGHT - TOP - BOTTOM;
        BigDecimal fraction = value.divide(max, MathContext.DECIMAL64);
        return TOP + plot - fraction.multiply(BigDecimal.valueOf(plot)).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    /** 1.2M, 600k, 950, 2.5 */
    static String compact(BigDecimal v) {
        if (v.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
            return v.divide(BigDecimal.valueOf(1_000_000), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "M";
        }
        if (v.compareTo(BigDecimal.valueOf(1_000)) >= 0) {
            return v.divide(BigDecimal.valueOf(1_000), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "k";
        }
        return v.setScale(v.compareTo(BigDecimal.TEN) < 0 ? 1 : 0, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String plain(BigDecimal v) {
        return "$" + v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
