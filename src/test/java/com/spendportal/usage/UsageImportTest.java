package com.spendportal.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.spendportal.statements.UsageRecord;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the usage import rules on values
class UsageImportTest {

    private static final YearMonth JAN = YearMonth.of(2026, 1);
    private static final YearMonth FEB = YearMonth.of(2026, 2);

    @Test
    void sameMonthAndProductAddUpWithinEachKindOfRecord() {
        List<UsageLine> lines = List.of(
                new UsageLine(2, JAN, "a", dec("100"), null),
                new UsageLine(3, JAN, "a", dec("200.5"), null),
                new UsageLine(4, JAN, "a", null, dec("1.25")),
                new UsageLine(5, JAN, "a", null, dec("2.00")),
                new UsageLine(6, JAN, "a", dec("10"), dec("0.10")),
                new UsageLine(7, JAN, "a", dec("5"), dec("0.05")),
                new UsageLine(8, JAN, "b", dec("7"), null),
                new UsageLine(9, FEB, "a", dec("1"), null));

        assertEquals(List.of(
                new UsageRecord(JAN, "a", dec("300.5"), null),
                new UsageRecord(JAN, "a", null, dec("3.25")),
                new UsageRecord(JAN, "a", dec("15"), dec("0.15")),
                new UsageRecord(JAN, "b", dec("7"), null),
                new UsageRecord(FEB, "a", dec("1"), null)),
                UsageImport.aggregate(lines));
    }

    @Test
    void reimportingTheSameLinesGivesTheSameRecords() {
        List<UsageLine> lines = List.of(new UsageLine(2, JAN, "", dec("1"), null),
                new UsageLine(3, JAN, "", dec("2"), null));

        assertEquals(UsageImport.aggregate(lines), UsageImport.aggregate(lines));
        assertEquals(List.of(new UsageRecord(JAN, "", dec("3"), null)), UsageImport.aggregate(lines));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
