package com.spendportal.web;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formatting for people, used only by templates ({@code value.usd}, {@code value.secs}). CSV and
 * JSON carry the raw decimals.
 */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /**
     * {@code value} rounded HALF_UP to at most {@code maxDecimals}, trailing zeros dropped down to
     * {@code minDecimals}, thousands grouped with commas. (What {@code DecimalFormat("#,##0")} does,
     * without building a DecimalFormat per cell: a statement page formats about a thousand.)
     */
    static String grouped(BigDecimal value, int minDecimals, int maxDecimals) {
        BigDecimal rounded = value.scale() > maxDecimals ? value.setScale(maxDecimals, RoundingMode.HALF_UP) : value;
        rounded = rounded.stripTrailingZeros();
        if (rounded.scale() < minDecimals) {
            rounded = rounded.setScale(minDecimals);
        }
        String plain = rounded.abs().toPlainString();
        int point = plain.indexOf('.');
        int integerDigits = point < 0 ? plain.length() : point;
        StringBuilder out = new StringBuilder(plain.length() + integerDigits / 3 + 1);
        if (rounded.signum() < 0) {
            out.append('-');
        }
        for (int i = 0; i < integerDigits; i++) {
            if (i > 0 && (integerDigits - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, integerDigits, plain.length()).toString();
    }

    /** {@code $12,345.60}, {@code −$1,750.00} */
    public static String usd(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        String text = "$" + grouped(value.abs(), 2, 2);
        return value.signum() < 0 ? "−" + text : text;
    }

    /** {@code 1,200,000 s}, fractions kept up to the stored 3 decimals. */
    public static String secs(BigDecimal value) {
        return value == null ? "–" : grouped(value, 0, 3) + " s";
    }

    /** A plain grouped number, e.g. credits: {@code 12,500}. */
    public static String grouped(BigDecimal value) {
        return value == null ? "–" : grouped(value, 0, 3);
    }

    /** A count, grouped: {@code 1,250}. */
    public static String count(long value) {
        return grouped(BigDecimal.valueOf(value), 0, 0);
    }

    /** A rate per second: {@code $0.00833/s}. */
    public static String rate(BigDecimal value) {
        return value == null ? "–" : "$" + value.stripTrailingZeros().toPlainString() + "/s";
    }

    public static String pct(BigDecimal value) {
        return value == null ? "–" : value.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    public static String label(YearMonth month) {
        return month == null ? "–" : MONTH.format(month);
    }

    public static String label(LocalDate date) {
        return date == null ? "–" : DAY.format(date);
    }

    public static String label(Instant instant) {
        return instant == null ? "never" : STAMP.format(instant);
    }

    /** For a query parameter in a link. */
    public static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** "4 minutes ago", "3 hours ago". */
    public static String age(Instant instant) {
        if (instant == null) {
            return "never";
        }
        long seconds = Math.max(0, Duration.between(instant, Instant.now()).getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + (minutes == 1 ? " minute ago" : " minutes ago");
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + (hours == 1 ? " hour ago" : " hours ago");
        }
        return (hours / 24) + " days ago";
    }
}
