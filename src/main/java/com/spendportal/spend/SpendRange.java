package com.spendportal.spend;

import com.spendportal.web.Dates;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The days an answer covers ({@code ?from&to}, both inclusive), at most {@link #MAX_DAYS} days. Daily spend: by default
 * the 90 days up to today (UTC); {@code to} alone means the 90 days up to it, {@code from} alone the days from it to
 * today. Job days ({@link #parseMonth}): by default this month.
 */
public record SpendRange(LocalDate from, LocalDate to) {

    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 366;

    /** A range, or what is wrong with the query by parameter name. */
    public record Parsed(SpendRange range, Map<String, String> errors) {
    }

    public static Parsed parse(String fromText, String toText, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate to = date(toText, "to", errors);
        LocalDate from = date(fromText, "from", errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        if (to == null) {
            to = from == null || from.isAfter(today) ? today : from.plusDays(MAX_DAYS - 1).isBefore(today)
                    ? from.plusDays(MAX_DAYS - 1) : today;
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        return checked(from, to);
    }

    /**
     * A range that defaults by months: {@code from} alone runs to the end of its month, {@code to} alone from the start
     * of its month, neither is the month of {@code today}.
     */
    public static Parsed parseMonth(String fromText, String toText, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate to = date(toText, "to", errors);
        LocalDate from = date(fromText, "from", errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        if (from == null) {
            from = (to == null ? today : to).withDayOfMonth(1);
        }
        if (to == null) {
            to = from.withDayOfMonth(from.lengthOfMonth());
        }
        return checked(from, to);
    }

    private static Parsed checked(LocalDate from, LocalDate to) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (from.isAfter(to)) {
            errors.put("from", "Must be on or before to (" + to + ").");
        } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            errors.put("from", "At most " + MAX_DAYS + " days at once: from must be on or after " + to.minusDays(MAX_DAYS - 1) + ".");
        }
        return errors.isEmpty() ? new Parsed(new SpendRange(from, to), Map.of()) : new Parsed(null, errors);
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate day = Dates.day(text);
        if (day == null) {
            errors.put(field, Dates.DAY_MESSAGE);
        }
        return day;
    }
}
