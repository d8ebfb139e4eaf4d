package com.spendportal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Tier;
import com.spendportal.statements.UsageRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The plan engine on cases computed by hand (DESIGN §14); the arithmetic is in each test's comments. */
@Tag("h2-only") // no database: the plan engine on values
class PlanCalculatorTest {

    private static final LocalDate JAN_2027 = LocalDate.parse("2027-01-15");

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    private static List<UsageRecord> flat(String firstMonth, int months, String seconds) {
        List<UsageRecord> usage = new ArrayList<>();
        YearMonth m = YearMonth.parse(firstMonth);
        for (int i = 0; i < months; i++) {
            usage.add(UsageRecord.ofSeconds(m.plusMonths(i), "", d(seconds)));
        }
        return usage;
    }

    private static PlanInputs inputs(LocalDate asOf, String lookback, String growth, String packageRate, String sizes,
            String topUpRate) {
        PlanInputs.Parsed parsed = PlanInputs.parse(new PlanInputs.Text(lookback, growth, packageRate, sizes, topUpRate,
                asOf.toString()), asOf);
        assertTrue(parsed.ok(), parsed.errors().toString());
        return parsed.inputs();
    }

    private static void assertDecimal(String expected, BigDecimal actual, String what) {
        assertTrue(actual != null && d(expected).compareTo(actual) == 0, what + ": expected " + expected + ", was " + actual);
    }

    private static List<String> keys(Plan plan) {
        return plan.options().stream().map(PlanOption::key).toList();
    }

    @Test
    void theThreeTiersOnFlatUsageWithoutAContract() {
        // 500,000 s every month of 2026. $1,000: 1000 + (500,000 - 120,000) * 0.01 = 4,800.00 a month, 57,600.00 a
        // year, its pool used in full; $5,000: 60,000.00, 500,000 / 600,000 = 83.3%; $20,000: 240,000.00, 20.8%.
        Plan plan = PlanCalculator.compute(null, flat("2026-01", 12, "500000"), PlanInputs.defaults(JAN_2027), 7);
        assertEquals(12, plan.basisMonths().size());
        assertEquals(List.of("MMC_1000", "MMC_5000", "MMC_20000"), keys(plan));
        assertDecimal("57600.00", plan.option("MMC_1000").expectedAnnualUsd(), "MMC_1000");
        assertDecimal("100.0", plan.option("MMC_1000").includedUsePct(), "MMC_1000 pool");
        assertDecimal("60000.00", plan.option("MMC_5000").expectedAnnualUsd(), "MMC_5000");
        assertDecimal("83.3", plan.option("MMC_5000").includedUsePct(), "MMC_5000 pool");
        assertDecimal("240000.00", plan.option("MMC_20000").expectedAnnualUsd(), "MMC_20000");
        assertDecimal("20.8", plan.option("MMC_20000").includedUsePct(), "MMC_20000 pool");
        assertEquals("MMC_1000", plan.recommended());
        assertNull(plan.currentKey());
        plan.options().forEach(o -> assertNull(o.savingVsCurrentUsd(), o.key()));
        // No contract and no packageRate: packages cannot be priced, and the plan says so.
        assertTrue(plan.missing().contains("packageRate"), plan.missing());
    }

    @Test
    void flatUsageCollapsesTheRangeOntoTheExpectedCost() {
        Plan plan = PlanCalculator.compute(null, flat("2026-01", 12, "500000"),
                inputs(JAN_2027, "", "", "0.0075", "", ""), 42);
        assertEquals(6, plan.options().size());
        for (PlanOption o : plan.options()) {
            assertEquals(0, o.p10Usd().compareTo(o.expectedAnnualUsd()), o.key() + " p10");
            assertEquals(0, o.p50Usd().compareTo(o.expectedAnnualUsd()), o.key() + " p50");
            assertEquals(0, o.p90Usd().compareTo(o.expectedAnnualUsd()), o.key() + " p90");
        }
    }

    @Test
    void defaultPackageSizesAtTheGivenRate() {
        // A = 6,000,000 s a year; D = 6,000,000 * 0.0075 = 45,000.00; sizes ceil10k of 36,000, 45,000, 54,000.
        // $40,000: 45,000 - 40,000 = 5,000.00 of top-ups at the same rate, so 45,000.00 in all, nothing unused.
        Plan plan = PlanCalculator.compute(null, flat("2026-01", 12, "500000"),
                inputs(JAN_2027, "", "", "0.0075", "", ""), 7);
        PlanOption p40 = plan.option("PACKAGE_40000");
        assertDecimal("45000.00", p40.annualDrawdownUsd(), "drawdown");
        assertDecimal("5000.00", p40.topUpUsd(), "top-up");
        assertDecimal("0.00", p40.unusedUsd(), "unused");
        assertDecimal("45000.00", p40.expectedAnnualUsd(), "expected");
        PlanOption p50 = plan.option("PACKAGE_50000");
        assertDecimal("0.00", p50.topUpUsd(), "top-up");
        assertDecimal("5000.00", p50.unusedUsd(), "unused");
        assertDecimal("50000.00", p50.expectedAnnualUsd(), "expected");
        assertDecimal("60000.00", plan.option("PACKAGE_60000").expectedAnnualUsd(), "expected");
        assertDecimal("15000.00", plan.option("PACKAGE_60000").unusedUsd(), "unused");
        assertEquals("PACKAGE_40000", plan.recommended());
        assertTrue(plan.oneRateForAllSizes());
        assertEquals(List.of("PACKAGE_40000", "PACKAGE_50000", "MMC_1000", "MMC_5000", "PACKAGE_60000", "MMC_20000"),
                keys(plan));
        assertNull(plan.missing());
    }

    @Test
    void customUsageBasedContractWithAPoolInDollars() {
        // Pool $3,000 at $0.006/s = 500,000.000 s; MMC $3,000; overage $0.008/s. Jan-Mar 400k, 500k, 700k s.
        // CURRENT: 3,000 + 3,000 + (3,000 + 200,000 * 0.008 = 4,600) = 10,600; * 12 / 3 = 42,400.00;
        // pool use (400k + 500k + 500k) * 100 / 1.5M = 93.3. $1,000: 3,800 + 4,800 + 6,800 = 15,400 -> 61,600.00.
        // $5,000: 5,000 + 5,000 + 5,833 -> 63,332.00. Packages at the contract rate: D = 6.4M * 0.006 = 38,400.00;
        // sizes 40,000 (from 30,720 and 38,400) and 50,000; $40,000: 38,400 drawn, 1,600.00 unused, 40,000.00 in all.
        ContractTerms current = ContractTerms.usageBased(LocalDate.parse("2025-04-01"), 12, d("3000.00"), d("0.006"),
                null, d("3000.00"), d("0.008"));
        List<UsageRecord> usage = List.of(UsageRecord.ofSeconds(YearMonth.parse("2026-01"), "", d("400000")),
                UsageRecord.ofSeconds(YearMonth.parse("2026-02"), "", d("500000")),
                UsageRecord.ofSeconds(YearMonth.parse("2026-03"), "a", d("300000")),
                UsageRecord.ofSeconds(YearMonth.parse("2026-03"), "b", d("400000")));
        Plan plan = PlanCalculator.compute(current, usage, PlanInputs.defaults(LocalDate.parse("2026-04-10")), 3);
        assertEquals("CURRENT", plan.currentKey());
        assertDecimal("42400.00", plan.option("CURRENT").expectedAnnualUsd(), "CURRENT");
        assertDecimal("93.3", plan.option("CURRENT").includedUsePct(), "CURRENT pool");
        assertDecimal("61600.00", plan.option("MMC_1000").expectedAnnualUsd(), "MMC_1000");
        assertDecimal("63332.00", plan.option("MMC_5000").expectedAnnualUsd(), "MMC_5000");
        assertDecimal("240000.00", plan.option("MMC_20000").expectedAnnualUsd(), "MMC_20000");
        assertEquals(List.of("PACKAGE_40000", "CURRENT", "PACKAGE_50000", "MMC_1000", "MMC_5000", "MMC_20000"), keys(plan));
        assertDecimal("38400.00", plan.option("PACKAGE_40000").annualDrawdownUsd(), "drawn");
        assertDecimal("1600.00", plan.option("PACKAGE_40000").unusedUsd(), "unused");
        assertEquals("PACKAGE_40000", plan.recommended());
        assertDecimal("2400.00", plan.option("PACKAGE_40000").savingVsCurrentUsd(), "saving");
        assertDecimal("-19200.00", plan.option("MMC_1000").savingVsCurrentUsd(), "saving");
        assertDecimal("0.00", plan.option("CURRENT").savingVsCurrentUsd(), "saving");
        assertTrue(plan.recommendsChange());
        for (PlanOption o : plan.options()) {
            assertTrue(o.p10Usd().compareTo(o.p50Usd()) <= 0 && o.p50Usd().compareTo(o.p90Usd()) <= 0, o.key());
        }
        // CURRENT's months cost 3,000 or 4,600: any year lies between 36,000 and 55,200.
        PlanOption c = plan.option("CURRENT");
        assertTrue(c.p10Usd().compareTo(d("36000")) >= 0 && c.p90Usd().compareTo(d("55200")) <= 0, c.toString());
        assertTrue(c.p10Usd().compareTo(c.p90Usd()) < 0, "varied usage gives a range");
    }

    @Test
    void aContractWithATiersExactTermsIsThatTiersOption() {
        ContractTerms five = ContractTerms.usageBased(LocalDate.parse("2026-01-01"), 12, d("5000"), d("0.0075"),
                d("600000.000"), null, d("0.00833"));
        Plan plan = PlanCalculator.compute(five, flat("2026-01", 12, "500000"), PlanInputs.defaults(JAN_2027), 1);
        assertEquals("MMC_5000", plan.currentKey());
        assertFalse(keys(plan).contains("CURRENT"));
        assertDecimal("0.00", plan.option("MMC_5000").savingVsCurrentUsd(), "saving");
        assertDecimal("2400.00", plan.option("MMC_1000").savingVsCurrentUsd(), "saving");
    }

    @Test
    void packageContractWithGrowthAndALookbackShorterThanTheHistory() {
        // 700,000 s a month Jan-Jun 2026, asOf July, lookback 3: the basis is Apr-Jun. Growth 10%: 770,000 s.
        // A = 9,240,000 s; at $0.0075/s 69,300.00 drawn. CURRENT $60,000: 9,300.00 of top-ups, 69,300.00.
        // $1,000: 1,000 + 650,000 * 0.01 = 7,500 -> 90,000.00; $5,000: 5,000 + 170,000 * 0.00833 = 6,416.10 -> 76,993.20.
        // Default sizes: ceil10k of 55,440, 69,300, 83,160 = 60,000, 70,000, 90,000. $60,000 ties CURRENT: CURRENT wins.
        ContractTerms current = ContractTerms.dollarPackage(LocalDate.parse("2026-01-01"), 12, d("60000.00"), d("0.0075"));
        Plan plan = PlanCalculator.compute(current, flat("2026-01", 6, "700000"),
                inputs(LocalDate.parse("2026-07-02"), "3", "10", "", "", ""), 11);
        assertEquals(List.of(YearMonth.parse("2026-04"), YearMonth.parse("2026-05"), YearMonth.parse("2026-06")),
                plan.basisMonths().stream().map(BasisMonth::month).toList());
        PlanOption c = plan.option("CURRENT");
        assertDecimal("69300.00", c.annualDrawdownUsd(), "drawdown");
        assertDecimal("9300.00", c.topUpUsd(), "top-up");
        assertDecimal("69300.00", c.expectedAnnualUsd(), "expected");
        assertDecimal("90000.00", plan.option("MMC_1000").expectedAnnualUsd(), "MMC_1000");
        assertDecimal("76993.20", plan.option("MMC_5000").expectedAnnualUsd(), "MMC_5000");
        assertDecimal("69300.00", plan.option("PACKAGE_60000").expectedAnnualUsd(), "PACKAGE_60000");
        assertDecimal("700.00", plan.option("PACKAGE_70000").unusedUsd(), "unused");
        assertEquals("CURRENT", plan.recommended());
        assertEquals(List.of("CURRENT", "PACKAGE_60000", "PACKAGE_70000", "MMC_5000", "MMC_1000", "PACKAGE_90000",
                "MMC_20000"), keys(plan));

        // Top-ups at $0.01/s: 9,300 * 0.01 / 0.0075 = 12,400.00 on top of $60,000; $70,000 needs none and wins.
        Plan dearTopUps = PlanCalculator.compute(current, flat("2026-01", 6, "700000"),
                inputs(LocalDate.parse("2026-07-02"), "3", "10", "", "", "0.01"), 11);
        assertDecimal("12400.00", dearTopUps.option("CURRENT").topUpUsd(), "top-up");
        assertDecimal("72400.00", dearTopUps.option("CURRENT").expectedAnnualUsd(), "expected");
        assertEquals("PACKAGE_70000", dearTopUps.recommended());
        assertDecimal("2400.00", dearTopUps.option("PACKAGE_70000").savingVsCurrentUsd(), "saving");
    }

    @Test
    void quotedRatesPerSize() {
        // 500,000 s a month: A = 6,000,000. $40,000@0.0075: 45,000.00 (5,000 top-ups); $50,000@0.0065: 39,000.00
        // drawn, 11,000.00 unused, 50,000.00; topUpRate 0.01 makes $40,000: 40,000 + (6M - 5,333,333.33) * 0.01.
        Plan plan = PlanCalculator.compute(null, flat("2026-01", 12, "500000"),
                inputs(JAN_2027, "", "", "", "50000@0.0065, 40000@0.0075", ""), 7);
        assertDecimal("45000.00", plan.option("PACKAGE_40000").expectedAnnualUsd(), "40k");
        assertDecimal("39000.00", plan.option("PACKAGE_50000").annualDrawdownUsd(), "50k drawn");
        assertDecimal("11000.00", plan.option("PACKAGE_50000").unusedUsd(), "50k unused");
        assertFalse(plan.oneRateForAllSizes());
        Plan topUps = PlanCalculator.compute(null, flat("2026-01", 12, "500000"),
                inputs(JAN_2027, "", "", "", "40000@0.0075", "0.01"), 7);
        // (6,000,000 * 0.0075 - 40,000) * 0.01 / 0.0075 = 6,666.666... -> 6,666.67
        assertDecimal("6666.67", topUps.option("PACKAGE_40000").topUpUsd(), "top-up");
        assertDecimal("46666.67", topUps.option("PACKAGE_40000").expectedAnnualUsd(), "expected");
    }

    @Test
    void dollarsOnlyUsageNeedsARateAndCountsAtIt() {
        // A package without a rate, usage in dollars only: no plan until packageRate is given.
        ContractTerms current = ContractTerms.dollarPackage(LocalDate.parse("2026-01-01"), 12, d("36000.00"), null);
        List<UsageRecord> usage = List.of(UsageRecord.ofUsd(YearMonth.parse("2026-01"), "", d("3000")),
                UsageRecord.ofUsd(YearMonth.parse("2026-02"), "", d("3000")),
                UsageRecord.ofUsd(YearMonth.parse("2026-03"), "", d("1000")),
                UsageRecord.ofUsd(YearMonth.parse("2026-03"), "x", d("2000")));
        LocalDate april = LocalDate.parse("2026-04-01");
        Plan without = PlanCalculator.compute(current, usage, PlanInputs.defaults(april), 5);
        assertTrue(without.options().isEmpty());
        assertTrue(without.missing().contains("packageRate"), without.missing());
        // At $0.005/s every month is 600,000.000 s (March: 200,000 + 400,000): A = 7,200,000, 36,000.00 drawn.
        // CURRENT $36,000: 36,000.00. $5,000: 60,000.00. Default sizes 30,000, 40,000, 50,000; $30,000 plus
        // 6,000.00 of top-ups ties CURRENT at 36,000.00, and CURRENT goes first.
        Plan plan = PlanCalculator.compute(current, usage, inputs(april, "", "", "0.005", "", ""), 5);
        assertDecimal("600000", plan.basisMonths().get(2).seconds(), "March seconds");
        assertDecimal("36000.00", plan.option("CURRENT").expectedAnnualUsd(), "CURRENT");
        assertDecimal("0.00", plan.option("CURRENT").unusedUsd(), "unused");
        assertDecimal("6000.00", plan.option("PACKAGE_30000").topUpUsd(), "top-up");
        assertDecimal("36000.00", plan.option("PACKAGE_30000").expectedAnnualUsd(), "30k");
        assertDecimal("60000.00", plan.option("MMC_5000").expectedAnnualUsd(), "MMC_5000");
        assertEquals("CURRENT", plan.recommended());
        assertEquals(List.of("CURRENT", "PACKAGE_30000", "PACKAGE_40000", "PACKAGE_50000", "MMC_5000", "MMC_1000",
                "MMC_20000"), keys(plan));
    }

    @Test
    void aDollarsOnlyRecordConvertsAtTheContractRateRoundedPerRecord() {
        // $100 at $0.0075/s = 13,333.333 s; two such records in a month are 26,666.666 s, not round3(200 / 0.0075).
        ContractTerms five = ContractTerms.usageBased(LocalDate.parse("2026-01-01"), 12, d("5000"), d("0.0075"),
                d("600000"), null, d("0.00833"));
        List<UsageRecord> usage = List.of(UsageRecord.ofUsd(YearMonth.parse("2026-01"), "a", d("100")),
                UsageRecord.ofUsd(YearMonth.parse("2026-01"), "b", d("100")),
                UsageRecord.ofSeconds(YearMonth.parse("2026-02"), "", d("10")),
                new UsageRecord(YearMonth.parse("2026-03"), "", d("5"), d("999")));
        Plan plan = PlanCalculator.compute(five, usage, PlanInputs.defaults(LocalDate.parse("2026-04-01")), 1);
        assertDecimal("26666.666", plan.basisMonths().get(0).seconds(), "January");
        assertDecimal("5", plan.basisMonths().get(2).seconds(), "a record with both counts its seconds");
    }

    @Test
    void tieRuleCurrentThenTiersByMmcThenPackagesBySize() {
        // 600,000 s flat. A custom contract with the $5,000 tier's pool and prices but another contract rate is
        // CURRENT, and costs what $5,000 costs: 60,000.00. $60,000@0.007 also costs 60,000.00 (50,400 drawn).
        ContractTerms custom = ContractTerms.usageBased(LocalDate.parse("2026-01-01"), 12, d("5000"), d("0.007"),
                d("600000"), null, d("0.00833"));
        Plan plan = PlanCalculator.compute(custom, flat("2026-01", 12, "600000"),
                inputs(JAN_2027, "", "", "", "60000", ""), 9);
        assertEquals(List.of("CURRENT", "MMC_5000", "PACKAGE_60000", "MMC_1000", "MMC_20000"), keys(plan));
        assertEquals("CURRENT", plan.recommended());
        Plan noContract = PlanCalculator.compute(null, flat("2026-01", 12, "600000"),
                inputs(JAN_2027, "", "", "0.007", "70000,60000", ""), 9);
        assertEquals("MMC_5000", noContract.recommended());
        assertEquals(List.of("MMC_5000", "PACKAGE_60000", "MMC_1000", "PACKAGE_70000", "MMC_20000"), keys(noContract));
    }

    @Test
    void fewerThanThreeMonthsGivesNoOptionsAndSaysWhatIsMissing() {
        Plan plan = PlanCalculator.compute(null, flat("2026-11", 2, "500000"), PlanInputs.defaults(JAN_2027), 1);
        assertEquals(2, plan.basisMonths().size());
        assertTrue(plan.options().isEmpty());
        assertNull(plan.recommended());
        assertTrue(plan.missing().contains("Only 2 months"), plan.missing());
        assertTrue(plan.missing().contains("1 more month"), plan.missing());
        assertEquals(2, plan.breakEven().size());
    }

    @Test
    void basisMonthsStartAtTheFirstRecordAndCountMonthsWithoutRecordsAsZero() {
        // Records in Oct and Dec 2025 and in Jan 2027 (asOf's month, not a basis month): basis Oct 2025 - Dec 2026.
        List<UsageRecord> usage = List.of(UsageRecord.ofSeconds(YearMonth.parse("2025-10"), "", d("100")),
                UsageRecord.ofSeconds(YearMonth.parse("2025-12"), "", d("300")),
                UsageRecord.ofSeconds(YearMonth.parse("2027-01"), "", d("999999")));
        Plan plan = PlanCalculator.compute(null, usage, inputs(JAN_2027, "36", "", "", "", ""), 1);
        assertEquals(15, plan.basisMonths().size());
        assertEquals(YearMonth.parse("2025-10"), plan.basisMonths().get(0).month());
        assertDecimal("0", plan.basisMonths().get(1).seconds(), "November");
        assertEquals(YearMonth.parse("2026-12"), plan.basisMonths().get(14).month());
        // 12 of them with lookback 12.
        assertEquals(12, PlanCalculator.compute(null, usage, PlanInputs.defaults(JAN_2027), 1).basisMonths().size());
    }

    @Test
    void breakEvenPoints() {
        // $1,000 vs $5,000: 1,000 + (s - 120,000) * 0.01 reaches 5,000 at s = 520,000 (519,999: 4,999.99).
        // $5,000 vs $20,000 above both pools: 1998 - 0.00083 s = 0 at 2,407,228.9, but cents decide: at 2,407,223
        // both cost 20,054.17 (7,223 * 0.0075 = 54.1725; 1,807,223 * 0.00833 = 15,054.16759); at 2,407,222 $20,000
        // is 20,054.17 (54.165 rounds up) against 20,054.16, and below 2,407,217 the gap is over a cent.
        Plan plan = PlanCalculator.compute(null, List.of(), PlanInputs.defaults(JAN_2027), 1);
        assertEquals(new BreakEven("MMC_1000", "MMC_5000", 520_000L), plan.breakEven().get(0));
        assertEquals(new BreakEven("MMC_5000", "MMC_20000", 2_407_223L), plan.breakEven().get(1));
    }

    @Test
    void theRangeIsTheSameForTheSameSeedAndOrdered() {
        List<UsageRecord> usage = new ArrayList<>();
        String[] months = { "100000", "900000", "300000", "1500000", "50000", "700000" };
        for (int i = 0; i < months.length; i++) {
            usage.add(UsageRecord.ofSeconds(YearMonth.of(2026, i + 1), "", d(months[i])));
        }
        PlanInputs in = inputs(LocalDate.parse("2026-07-01"), "", "", "0.007", "", "");
        Plan a = PlanCalculator.compute(null, usage, in, 123);
        Plan b = PlanCalculator.compute(null, usage, in, 123);
        assertEquals(a, b);
        Plan other = PlanCalculator.compute(null, usage, in, 124);
        assertNotEquals(a.options().stream().map(PlanOption::p10Usd).toList(),
                other.options().stream().map(PlanOption::p10Usd).toList());
        for (PlanOption o : a.options()) {
            assertTrue(o.p10Usd().compareTo(o.p50Usd()) <= 0 && o.p50Usd().compareTo(o.p90Usd()) <= 0, o.key());
            if (!o.key().equals("MMC_20000")) { // never past its 2,400,000 s pool: every year costs 240,000.00
                assertTrue(o.p10Usd().compareTo(o.p90Usd()) < 0, o.key() + " varies");
            }
        }
        assertEquals(0, a.option("MMC_20000").p90Usd().compareTo(d("240000")));
        // The $1,000 tier's cheapest possible year is 12 of its cheapest month (50,000 s: 1,000.00).
        assertTrue(a.option("MMC_1000").p10Usd().compareTo(d("12000")) >= 0);
    }

    @Test
    void nearestRankPercentiles() {
        assertEquals(200, PlanCalculator.rank(10, 2000));
        assertEquals(1000, PlanCalculator.rank(50, 2000));
        assertEquals(1800, PlanCalculator.rank(90, 2000));
        long[] values = new long[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2000 - i; // 1..2000 in reverse
        }
        BigDecimal[] p = PlanCalculator.percentiles(values, 2);
        assertDecimal("2.00", p[0], "p10");
        assertDecimal("10.00", p[1], "p50");
        assertDecimal("18.00", p[2], "p90");
    }

    @Test
    void badInputsAreRefusedByField() {
        LocalDate today = JAN_2027;
        PlanInputs.Parsed parsed = PlanInputs.parse(new PlanInputs.Text("2", "-91", "0", "10000,10000", "1e-3", "2026-13-01"),
                today);
        assertFalse(parsed.ok());
        assertEquals(List.of("lookbackMonths", "growthPct", "packageRate", "topUpRate", "packageSizes", "asOf"),
                List.copyOf(parsed.errors().keySet()));
        assertFalse(PlanInputs.parse(new PlanInputs.Text("37", "", "", "", "", ""), today).ok());
        assertFalse(PlanInputs.parse(new PlanInputs.Text("", "501", "", "", "", ""), today).ok());
        assertFalse(PlanInputs.parse(new PlanInputs.Text("", "", "", "abc", "", ""), today).ok());
        assertFalse(PlanInputs.parse(new PlanInputs.Text("", "", "", "10000@2", "", ""), today).ok());
        PlanInputs ok = PlanInputs.parse(new PlanInputs.Text(" 36 ", "-90", "0.0065", "120000@0.006,80000", "", ""), today)
                .inputs();
        assertEquals(36, ok.lookbackMonths());
        assertEquals(today, ok.asOf());
        assertEquals(List.of(new PackageQuote(d("120000"), d("0.006")), new PackageQuote(d("80000"), null)), ok.packageSizes());
        assertTrue(PlanInputs.defaults(today).isDefault());
        assertEquals(Tier.values().length, 3);
    }
}
