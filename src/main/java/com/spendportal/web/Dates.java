package com.spendportal.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The one rule for a day or a month a user sends (a query's {@code asOf}, a form's start date, an invoice's month):
 * written {@code YYYY-MM-DD} or {@code YYYY-MM} exactly, no spaces or line breaks around it, a real date, and a year
 * from {@value #MIN_YEAR} to {@value #MAX_YEAR}: the range the portal computes for (a year like -999999999 or
 * +999999999 broke the month arithmetic with a {@link DateTimeException}).
 */
public final class Dates {

    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    public static final String DAY_MESSAGE = "Must be a real date written YYYY-MM-DD, from " + MIN_YEAR + "-01-01 to "
            + MAX_YEAR + "-12-31.";
    public static final String MONTH_MESSAGE = "Must be a month written YYYY-MM, such as 2026-03, from " + MIN_YEAR
            + "-01 to " + MAX_YEAR + "-12.";

    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private Dates() {
    }

    /** The day, or null when the text is not a day by the rule above. */
    public static LocalDate day(String text) {
        if (text == null || !DAY.matcher(text).matches()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(text);
            return inRange(day.getYear()) ? day : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The month, or null when the text is not a month by the rule above. */
    public static YearMonth month(String text) {
        if (text == null || !MONTH.matcher(text).matches()) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(text);
            return inRange(month.getYear()) ? month : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean inRange(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }
}
