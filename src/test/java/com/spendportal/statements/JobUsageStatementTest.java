package com.spendportal.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §18's amendment of §4: where a usage-based month's usage comes from. The figures are worked by hand below
 * each case, not taken from the engine.
 */
@Tag("h2-only") // no database: the statement engine on values
class JobUsageStatementTest {

    private static final ContractTerms TERMS = ContractTerms.usageBased(LocalDate.of(2026, 1, 1), 3, dec("5000.00"),
            dec("0.00750"), dec("600000"), null, dec("0.00833"));
    private static final List<UsageRecord> JANUARY_IMPORTED = List.of(
            UsageRecord.ofSeconds(YearMonth.of(2026, 1), "", dec("700000")));
    private static final Map<YearMonth, JobMonth> JOBS = Map.of(
            YearMonth.of(2026, 1), new JobMonth(1, dec("650000.000")),
            YearMonth.of(2026, 2), new JobMonth(2, dec("612345.678")));
    private static final LocalDate MARCH_10 = LocalDate.of(2026, 3, 10);

    @Test
    void recordsWinThenJobsThenNothing() {
        Statement statement = StatementCalculator.compute(TERMS, JANUARY_IMPORTED, Map.of(), MARCH_10, Invoices.NONE, JOBS);
        List<UsageBasedMonth> months = statement.usageMonths();

        // January: the import counts (700000 s), the job list's 650000 s shown beside it
        // overage 100000 s * 0.00833 = 833.00; total 5000.00 + 833.00
        assertMonth(months.get(0), UsageSource.RECORDS, "700000.000", "650000.000", "833.00", "5833.00");
        // February: no records, two completed jobs: 612345.678 s used; overage 12345.678 s * 0.00833 = 102.83949774
        // -> 102.84; total 5102.84
        assertMonth(months.get(1), UsageSource.JOBS, "612345.678", "612345.678", "102.84", "5102.84");
        // March (OPEN): neither; job seconds 0.000 as the list was read and has none in March
        assertMonth(months.get(2), UsageSource.NONE, "0.000", "0.000", "0.00", "5000.00");
        // totals: 700000 + 612345.678 used; 15000.00 + 935.84 = 15935.84
        assertEquals(dec("1312345.678"), statement.usageTotals().usedSeconds());
        assertEquals(dec("15935.84"), statement.usageTotals().totalUsd());
    }

    @Test
    void theOpenMonthProjectsItsJobSeconds() {
        Map<YearMonth, JobMonth> jobs = Map.of(YearMonth.of(2026, 3), new JobMonth(3, dec("200000.000")));
        Statement statement = StatementCalculator.compute(TERMS, List.of(), Map.of(), MARCH_10, Invoices.NONE, jobs);

        // 200000 s in 10 of 31 days: 200000 * 31 / 10 = 620000.000 by month end, 20000 s over: 20000 * 0.00833 = 166.60
        assertEquals(UsageSource.JOBS, statement.usageMonths().get(2).usageSource());
        assertEquals(dec("620000.000"), statement.projection().projectedUsedSeconds());
        assertEquals(dec("166.60"), statement.projection().projectedOverageUsd());
        assertEquals(dec("5166.60"), statement.projection().projectedTotalUsd());
    }

    @Test
    void jobsNeverReadGiveTheStatementAsBeforeWithoutJobSeconds() {
        Statement before = StatementCalculator.compute(TERMS, JANUARY_IMPORTED, Map.of(), MARCH_10);
        Statement unread = StatementCalculator.compute(TERMS, JANUARY_IMPORTED, Map.of(), MARCH_10, Invoices.NONE, null);

        assertEquals(before, unread);
        assertEquals(UsageSource.RECORDS, unread.usageMonths().get(0).usageSource());
        assertEquals(UsageSource.NONE, unread.usageMonths().get(1).usageSource());
        assertEquals(dec("0.000"), unread.usageMonths().get(1).usedSeconds());
        unread.usageMonths().forEach(m -> assertNull(m.jobSeconds(), m.month().toString()));
        assertEquals(false, unread.jobsRead());
    }

    @Test
    void aPackageShowsJobSecondsAndKeepsItsDrawdown() {
        ContractTerms terms = ContractTerms.dollarPackage(LocalDate.of(2026, 1, 1), 2, dec("1000.00"), dec("0.00500"));
        List<UsageRecord> usage = List.of(UsageRecord.ofSeconds(YearMonth.of(2026, 1), "", dec("100000")));
        Statement without = StatementCalculator.compute(terms, usage, Map.of(), LocalDate.of(2026, 3, 1), Invoices.NONE, null);
        Statement with = StatementCalculator.compute(terms, usage, Map.of(), LocalDate.of(2026, 3, 1), Invoices.NONE,
                Map.of(YearMonth.of(2026, 2), new JobMonth(4, dec("90000.500"))));

        // 100000 s * 0.005 = 500.00 in January, February 0.00: the job list changes no drawdown
        assertEquals(dec("500.00"), with.packageMonths().get(0).drawdownUsd());
        assertEquals(dec("0.00"), with.packageMonths().get(1).drawdownUsd());
        assertEquals(without.packageTotals(), with.packageTotals());
        assertEquals(dec("0.000"), with.packageMonths().get(0).jobSeconds());
        assertEquals(dec("90000.500"), with.packageMonths().get(1).jobSeconds());
        assertNull(without.packageMonths().get(1).jobSeconds());
    }

    private static void assertMonth(UsageBasedMonth m, UsageSource source, String used, String jobSeconds,
            String overageUsd, String totalUsd) {
        String month = m.month().toString();
        assertEquals(source, m.usageSource(), month);
        assertEquals(dec(used), m.usedSeconds(), month + " used");
        assertEquals(dec(jobSeconds), m.jobSeconds(), month + " job seconds");
        assertEquals(dec(overageUsd), m.overageUsd(), month + " overage");
        assertEquals(dec(totalUsd), m.totalUsd(), month + " total");
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
