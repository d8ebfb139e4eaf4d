package com.spendportal.spend;

import com.spendportal.web.Dates;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The days a daily-spend answer covers ({@code ?from&to}, both inclusive): by default the 90 days
 * up to today (UTC); {@code to} alone means the 90 days up to it, {@code from} alone the days from
 * it to today; at most {@link #MAX_DAYS} days.
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
