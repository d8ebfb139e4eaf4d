package com.spendportal.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The spike rule of DESIGN §15, figure by figure. */
@Tag("h2-only") // no database: the spike rule on values
class SpikeRuleTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);
    private static final SpikeRule RULE = SpikeRule.DEFAULTS;

    /** The baseline days (the days before DAY, newest last) with these spends, and DAY's spend if given. */
    private static Map<LocalDate, BigDecimal> history(List<String> before, String day) {
        Map<LocalDate, BigDecimal> known = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) != null) {
                known.put(DAY.minusDays(before.size() - i), new BigDecimal(before.get(i)));
            }
        }
        if (day != null) {
            known.put(DAY, new BigDecimal(day));
        }
        return known;
    }

    private static List<String> repeat(int times, String... values) {
        String[] all = new String[times * values.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = values[i % values.length];
        }
        return java.util.Arrays.asList(all);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(0, new BigDecimal("25.005").compareTo(SpikeRule.median(List.of(new BigDecimal("40.00"),
                new BigDecimal("10.00"), new BigDecimal("20.00"), new BigDecimal("30.01")))));
        assertEquals(0, new BigDecimal("20.00").compareTo(SpikeRule.median(List.of(new BigDecimal("40.00"),
                new BigDecimal("10.00"), new BigDecimal("20.00")))));
        // 14 known days, 7 at 100 and 7 at 101: the median is 100.5 and is shown HALF_UP as 100.50.
        DailySpend d = RULE.figure(DAY, history(repeat(7, "100.00", "101.00"), "10.00"));
        assertEquals(0, new BigDecimal("100.5").compareTo(d.baseline().median()));
        assertEquals(new BigDecimal("100.50"), d.medianUsd());
    }

    @Test
    void theMadTermDecidesForANoisyHistory() {
        // 14 days at 800, 14 at 1400: median 1100, every deviation 300, MAD 300;
        // 3.5 * 1.4826 * 300 = 1556.73 > 1100 * 50% = 550 > 50: threshold 2656.73.
        Map<LocalDate, BigDecimal> known = history(repeat(14, "800.00", "1400.00"), "2656.73");
        DailySpend at = RULE.figure(DAY, known);
        assertEquals(0, new BigDecimal("2656.73").compareTo(at.baseline().threshold()));
        assertFalse(at.spike(), "equal to the threshold is no spike: the comparison is strictly greater");
        known.put(DAY, new BigDecimal("2656.74"));
        assertTrue(RULE.figure(DAY, known).spike());
        assertEquals(new BigDecimal("2656.73"), at.thresholdUsd());
        assertEquals(0, new BigDecimal("300").compareTo(at.baseline().mad()));
    }

    @Test
    void thePercentTermDecidesForAQuietLargeHistory() {
        // 28 days at 1000 exactly: MAD 0, 50% of 1000 = 500 > 50: threshold 1500.
        Map<LocalDate, BigDecimal> known = history(repeat(28, "1000.00"), "1500.00");
        assertEquals(0, new BigDecimal("1500").compareTo(RULE.figure(DAY, known).baseline().threshold()));
        assertFalse(RULE.figure(DAY, known).spike());
        known.put(DAY, new BigDecimal("1500.01"));
        assertTrue(RULE.figure(DAY, known).spike());
    }

    @Test
    void theDollarTermDecidesForASmallHistory() {
        // 20 days at 10 and 11: median 10.5, MAD 0.5, 3.5*1.4826*0.5 = 2.59455, 50% = 5.25, minUsd 50: threshold 60.50.
        Map<LocalDate, BigDecimal> known = history(repeat(10, "10.00", "11.00"), "60.50");
        DailySpend d = RULE.figure(DAY, known);
        assertEquals(0, new BigDecimal("60.5").compareTo(d.baseline().threshold()));
        assertFalse(d.spike());
        known.put(DAY, new BigDecimal("60.51"));
        assertTrue(RULE.figure(DAY, known).spike(), "a day six times the usual is a spike only above $50 more");
        known.put(DAY, new BigDecimal("40.00"));
        assertFalse(RULE.figure(DAY, known).spike(), "four times the usual, but only $29.50 more: no spike");
    }

    @Test
    void fewerThanFourteenKnownDaysGiveNoBaseline() {
        List<String> thirteen = new java.util.ArrayList<>(repeat(28, (String) null));
        for (int i = 0; i < 13; i++) {
            thirteen.set(i * 2, "10.00");
        }
        DailySpend d = RULE.figure(DAY, history(thirteen, "100000.00"));
        assertNull(d.medianUsd());
        assertNull(d.thresholdUsd());
        assertFalse(d.spike(), "no baseline, no spike");
        thirteen.set(27, "10.00"); // the day right before: 14 known
        assertTrue(RULE.figure(DAY, history(thirteen, "100000.00")).spike());
        // only the 28 days before count: a known day 29 days back does not
        Map<LocalDate, BigDecimal> outside = history(thirteen, "100000.00");
        outside.remove(DAY.minusDays(1));
        outside.put(DAY.minusDays(29), new BigDecimal("10.00"));
        assertNull(RULE.figure(DAY, outside).baseline());
    }

    @Test
    void anUnknownDayIsNoSpikeButKeepsItsBand() {
        DailySpend d = RULE.figure(DAY, history(repeat(28, "100.00"), null));
        assertNull(d.spendUsd());
        assertFalse(d.spike());
        assertEquals(new BigDecimal("100.00"), d.medianUsd());
        assertEquals(new BigDecimal("150.00"), d.thresholdUsd());
    }

    @Test
    void theExcessIsInDollarsAndPercentOfTheMedian() {
        DailySpend d = RULE.figure(DAY, history(repeat(28, "200.00"), "812.40"));
        assertTrue(d.spike());
        assertEquals(new BigDecimal("612.40"), d.excessUsd());
        assertEquals(new BigDecimal("306.2"), d.excessPct());
    }

    @Test
    void theSettingsAreTheRule() {
        SpikeRule strict = new SpikeRule(new BigDecimal("1"), new BigDecimal("10"), new BigDecimal("5"));
        Map<LocalDate, BigDecimal> known = history(repeat(28, "100.00"), "110.01");
        assertTrue(strict.figure(DAY, known).spike());
        assertFalse(RULE.figure(DAY, known).spike());
    }
}
