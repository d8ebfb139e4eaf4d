package com.spendportal.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Daily spend from readings (DESIGN §15) on histories whose every day is known by construction. */
@Tag("h2-only") // no database: the daily spend engine on values
class DailySpendFoldTest {

    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    private static Instant at(LocalDate day, int minuteOfDay) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * minuteOfDay);
    }

    private static Map<LocalDate, BigDecimal> known(DailySpendFold fold) {
        Map<LocalDate, BigDecimal> days = new TreeMap<>();
        fold.days().forEach(d -> days.put(d.day(), d.spendUsd()));
        return days;
    }

    /** The day's planned spend: 100 to 130 dollars, a runaway 2,000 on day 45. */
    private static BigDecimal planned(int day) {
        return day == 45 ? new BigDecimal("2000.00") : new BigDecimal(100 + (day * 37) % 31 + ".00");
    }

    /**
     * A usd wallet read every {@code stepMinutes} for 60 days, spending each day's planned spend evenly
     * over its readings (the first reading of a day books the drawdown since the last of the day before),
     * a top-up of 5,000 at noon on day 20 and no readings from 22:00 on day 30 to 05:00 on day 31 (7 h).
     */
    private static void usdHistory(int stepMinutes) {
        DailySpendFold fold = new DailySpendFold(null, null, SIX_HOURS, START);
        int perDay = 24 * 60 / stepMinutes;
        BigDecimal balance = new BigDecimal("100000.00");
        List<Instant> gap = List.of(at(START.plusDays(30), 22 * 60), at(START.plusDays(31), 5 * 60));
        for (int day = 0; day < 60; day++) {
            LocalDate d = START.plusDays(day);
            // the day's spend in cents, spread over its readings: the remainder on the first one
            long cents = planned(day).movePointRight(2).longValueExact();
            for (int i = 0; i < perDay; i++) {
                Instant t = at(d, i * stepMinutes);
                long share = cents / perDay + (i == 0 ? cents % perDay : 0);
                balance = balance.subtract(BigDecimal.valueOf(share, 2));
                if (day == 20 && i == perDay / 2) {
                    balance = balance.add(new BigDecimal("5000.00"));
                }
                if (t.isAfter(gap.get(0)) && t.isBefore(gap.get(1))) {
                    continue; // not read: its drawdown shows at the next reading, on no day
                }
                fold.add(t, "wallet", "usd", balance, null);
            }
        }
        Map<LocalDate, BigDecimal> days = known(fold);
        long firstCents = planned(0).movePointRight(2).longValueExact();
        assertEquals(0, planned(0).subtract(BigDecimal.valueOf(firstCents / perDay + firstCents % perDay, 2))
                .compareTo(days.get(START)), "the first reading pairs with nothing: the first day lacks its share");
        for (int day = 1; day < 60; day++) {
            LocalDate d = START.plusDays(day);
            if (day == 30 || day == 31) {
                assertFalse(days.containsKey(d), "day " + day + " overlaps the 7-hour gap: unknown");
                continue;
            }
            // The pair across the top-up nets it with what was spent meanwhile: an increase, booked as 0.
            BigDecimal expected = day == 20 ? planned(day).subtract(BigDecimal.valueOf(
                    planned(day).movePointRight(2).longValueExact() / perDay, 2)) : planned(day);
            assertEquals(0, expected.compareTo(days.get(d)), stepMinutes + "-minute readings, day " + day + ": "
                    + days.get(d) + " vs " + planned(day));
        }
        assertEquals(58, days.size());
    }

    @Test
    void hourlyReadingsOfAUsdWalletGiveEachDaysSpendExactly() {
        usdHistory(60);
    }

    @Test
    void quarterHourReadingsOfAUsdWalletGiveEachDaysSpendExactly() {
        usdHistory(15);
    }

    @Test
    void aTopUpIsNotSpendAndAGapOfExactlyTheMaximumStillCounts() {
        LocalDate d = START;
        DailySpendFold fold = new DailySpendFold(null, null, SIX_HOURS, d);
        fold.add(at(d, 0), "wallet", "usd", new BigDecimal("1000.00"), null);
        fold.add(at(d, 60), "wallet", "usd", new BigDecimal("900.00"), null);   // 100 spent
        fold.add(at(d, 120), "wallet", "usd", new BigDecimal("5900.00"), null); // a top-up of 5,000
        fold.add(at(d, 480), "wallet", "usd", new BigDecimal("5850.50"), null); // 49.50, exactly 6 h later
        fold.add(at(d, 500), "wallet", "credits", new BigDecimal("1.00"), null); // not usd: skipped
        fold.add(at(d, 510), "wallet", "usd", null, null);                       // no balance: skipped
        fold.add(at(d, 520), "wallet", "usd", new BigDecimal("5850.00"), null);  // 0.50
        assertEquals(Map.of(d, new BigDecimal("150.00")), known(fold));
    }

    @Test
    void aLongGapMakesEveryDayItOverlapsUnknownAndItsDecreaseCountsNowhere() {
        LocalDate d = START;
        DailySpendFold fold = new DailySpendFold(null, null, SIX_HOURS, d);
        fold.add(at(d, 0), "wallet", "usd", new BigDecimal("1000.00"), null);
        fold.add(at(d, 60), "wallet", "usd", new BigDecimal("990.00"), null);
        fold.add(at(d, 20 * 60), "wallet", "usd", new BigDecimal("980.00"), null);      // 19 h gap, on day 0
        fold.add(at(d.plusDays(3), 60), "wallet", "usd", new BigDecimal("500.00"), null); // 3 days of gap
        for (int hour = 2; hour <= 22; hour += 5) {
            fold.add(at(d.plusDays(3), hour * 60), "wallet", "usd", new BigDecimal(490 - hour + ".00"), null);
        }
        fold.add(at(d.plusDays(4), 0), "wallet", "usd", new BigDecimal("460.00"), null);
        fold.add(at(d.plusDays(4), 60), "wallet", "usd", new BigDecimal("450.00"), null);
        assertEquals(Map.of(d.plusDays(4), new BigDecimal("18.00")), known(fold),
                "days 0 to 3 overlap a gap; day 4 is known: 468 - 460 + 460 - 450");
    }

    @Test
    void aUsageBasedWalletCountsIncreasesAndANewPeriodFromZero() {
        LocalDate d = START;
        DailySpendFold fold = new DailySpendFold(null, null, SIX_HOURS, d);
        fold.add(at(d, 0), "usage_based", null, null, new BigDecimal("400.00"));
        fold.add(at(d, 60), "usage_based", null, null, new BigDecimal("450.25"));  // 50.25
        fold.add(at(d, 120), "usage_based", null, null, new BigDecimal("450.25")); // 0
        fold.add(at(d, 180), "usage_based", null, null, new BigDecimal("12.00"));  // a new period: 12.00
        fold.add(at(d, 240), "usage_based", null, null, new BigDecimal("20.00"));  // 8.00
        fold.add(at(d, 300), "usage_based", null, null, null);                    // no figure: skipped
        assertEquals(Map.of(d, new BigDecimal("70.25")), known(fold));
    }

    @Test
    void aFoldFromTheMiddleGivesTheSameDaysAsAFoldOfEverything() {
        List<Object[]> readings = new ArrayList<>();
        BigDecimal balance = new BigDecimal("10000.00");
        Instant t = at(START, 0);
        for (int i = 0; i < 500; i++) {
            t = t.plus(Duration.ofMinutes(i % 40 == 39 ? 400 : 47));
            balance = balance.subtract(BigDecimal.valueOf((i * 7919L) % 2000, 2));
            readings.add(new Object[] {t, balance});
        }
        DailySpendFold whole = new DailySpendFold(null, null, SIX_HOURS, START);
        readings.forEach(r -> whole.add((Instant) r[0], "wallet", "usd", (BigDecimal) r[1], null));
        LocalDate from = START.plusDays(5);
        Instant fromStart = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        DailySpendFold.Last before = null;
        for (Object[] r : readings) {
            if (((Instant) r[0]).isBefore(fromStart)) {
                before = new DailySpendFold.Last((Instant) r[0], (BigDecimal) r[1]);
            }
        }
        DailySpendFold part = new DailySpendFold(before, null, SIX_HOURS, from);
        readings.stream().filter(r -> !((Instant) r[0]).isBefore(fromStart))
                .forEach(r -> part.add((Instant) r[0], "wallet", "usd", (BigDecimal) r[1], null));
        Map<LocalDate, BigDecimal> expected = new TreeMap<>(known(whole));
        expected.keySet().removeIf(day -> day.isBefore(from));
        assertEquals(expected, known(part));
        assertTrue(expected.size() > 3);
    }
}
