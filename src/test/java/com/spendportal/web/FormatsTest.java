package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the template formats
class FormatsTest {

    @Test
    void groupsAndRoundsAsPeopleReadAmounts() {
        assertEquals("$12,345.60", Formats.usd(new BigDecimal("12345.6")));
        assertEquals("−$1,750.00", Formats.usd(new BigDecimal("-1750")));
        assertEquals("$0.01", Formats.usd(new BigDecimal("0.005")));
        assertEquals("1,200,000 s", Formats.secs(new BigDecimal("1200000.000")));
        assertEquals("100,000.5 s", Formats.secs(new BigDecimal("100000.500")));
        assertEquals("999 s", Formats.secs(new BigDecimal("999")));
        assertEquals("1,000 s", Formats.secs(new BigDecimal("999.9996")));
        assertEquals("12,500", Formats.grouped(new BigDecimal("1.25E+4")));
    }

    /** The hand-written grouping says what DecimalFormat("#,##0") says, on random amounts and scales. */
    @Test
    void matchesDecimalFormat() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal value = BigDecimal.valueOf(random.nextLong() % 10_000_000_000_000L, random.nextInt(8) - 1);
            int min = random.nextInt(3);
            int max = min + random.nextInt(3);
            DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
            format.setMinimumFractionDigits(min);
            format.setMaximumFractionDigits(max);
            format.setRoundingMode(RoundingMode.HALF_UP);
            String expected = format.format(value);
            if (expected.matches("-0(\\.0*)?")) {
                expected = expected.substring(1); // DecimalFormat keeps the sign of a value that rounds to zero
            }
            assertEquals(expected, Formats.grouped(value, min, max), value + " min " + min + " max " + max);
        }
    }
}
