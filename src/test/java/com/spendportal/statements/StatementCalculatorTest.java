package com.spendportal.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Edge cases of DESIGN §2-5 that the shared acceptance cases do not reach. */
@Tag("h2-only") // no database: the statement engine on values
class StatementCalculatorTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    // ---- usage-based ----

    @Test
    void customTierProratesAPartialFirstAndLastMonth() {
        ContractTerms custom = ContractTerms.usageBased(LocalDate.of(2026, 3, 10), 2, dec("3000.00"), dec("0.00600"),
                dec("500000"), null, dec("0.00650"));
        List<UsageRecord> usage = List.of(seconds("2026-03", "400000"), seconds("2026-05", "300000"));

        Statement s = StatementCalculator.compute(custom, usage, List.of(), LocalDate.of(2026, 6, 1));

        assertEquals(3, s.usageMonths().size(), "March 10 to May 9 overlaps three calendar months");
        UsageBasedMonth march = s.usageMonths().get(0);
        assertEquals(22, march.activeDays());
        assertEquals(31, march.daysInMonth());
        assertDecimal("2129.03", march.commitmentUsd()); // 3000 * 22 / 31, not 3000 * round(22/31)
        assertDecimal("354838.710", march.includedSeconds());
        assertDecimal("45161.290", march.overageSeconds());
        assertDecimal("293.55", march.overageUsd());
        assertDecimal("2422.58", march.totalUsd());
        assertDecimal("112.7", march.utilizationPct());
        UsageBasedMonth may = s.usageMonths().get(2);
        assertEquals(9, may.activeDays());
        assertDecimal("870.97", may.commitmentUsd());
        assertDecimal("1006.45", may.overageUsd());
        assertDecimal("206.7", may.utilizationPct());
        assertDecimal("6000.00", s.usageTotals().commitmentUsd());
        assertDecimal("7300.00", s.usageTotals().totalUsd());
        assertNull(s.packageTotals());
        assertTrue(s.packageMonths().isEmpty());
    }

    @Test
    void utilizationIsNullWithoutAnIncludedPool() {
        ContractTerms noPool = ContractTerms.usageBased(JAN_1, 1, dec("500.00"), dec("0.00800"), BigDecimal.ZERO,
                null, dec("0.01000"));

        UsageBasedMonth jan = StatementCalculator.compute(noPool, List.of(seconds("2026-01", "1000")), List.of(),
                LocalDate.of(2026, 2, 1)).usageMonths().get(0);

        assertNull(jan.utilizationPct());
        assertDecimal("1000", jan.overageSeconds());
        assertDecimal("10.00", jan.overageUsd());
        assertDecimal("0", jan.includedUsedSeconds());
    }

    @Test
    void sixtyMonthTermHasARowPerCalendarMonthAndProratesBothEnds() {
        ContractTerms terms = tier(Tier.MMC_1000, LocalDate.of(2026, 1, 15), 60);

        Statement s = StatementCalculator.compute(terms, List.of(), List.of(), LocalDate.of(2026, 1, 20));

        List<UsageBasedMonth> rows = s.usageMonths();
        assertEquals(61, rows.size(), "2026-01-15 .. 2031-01-14 touches 61 calendar months");
        assertEquals(YearMonth.of(2031, 1), rows.get(60).month());
        assertEquals(17, rows.get(0).activeDays());
        assertEquals(14, rows.get(60).activeDays());
        assertDecimal("548.39", rows.get(0).commitmentUsd());
        assertDecimal("451.61", rows.get(60).commitmentUsd());
        assertDecimal("60000.00", s.usageTotals().commitmentUsd());
        assertDecimal("7200000.000", s.usageTotals().includedSeconds());
        assertEquals(MonthStatus.OPEN, rows.get(0).status());
        assertTrue(rows.subList(1, 61).stream().allMatch(m -> m.status() == MonthStatus.UPCOMING));
    }

    @Test
    void openMonthIsProjectedToMonthEndAtTheSameDailyPace() {
        ContractTerms terms = tier(Tier.MMC_20000, LocalDate.of(2026, 2, 15), 12);

        Statement s = StatementCalculator.compute(terms, List.of(seconds("2026-06", "900000")), List.of(),
                LocalDate.of(2026, 6, 10));

        OpenMonthProjection p = s.projection();
        assertNotNull(p);
        assertEquals(YearMonth.of(2026, 6), p.month());
        assertEquals(10, p.elapsedDays());
        assertDecimal("2700000.000", p.projectedUsedSeconds());
        assertDecimal("300000.000", p.projectedOverageSeconds());
        assertDecimal("2250.00", p.projectedOverageUsd());
        assertDecimal("22250.00", p.projectedTotalUsd());
    }

    @Test
    void projectionCountsOnlyActiveDaysOfAPartialMonth() {
        ContractTerms terms = tier(Tier.MMC_5000, LocalDate.of(2026, 3, 21), 1); // March 21 .. April 20

        OpenMonthProjection started = StatementCalculator.compute(terms, List.of(seconds("2026-03", "100000")),
                List.of(), LocalDate.of(2026, 3, 25)).projection();
        assertEquals(5, started.elapsedDays());
        assertDecimal("220000.000", started.projectedUsedSeconds()); // 100000 * 11 active days / 5

        assertNull(StatementCalculator.compute(terms, List.of(), List.of(), LocalDate.of(2026, 3, 5)).projection(),
                "the term has not started on asOf");
        OpenMonthProjection ended = StatementCalculator.compute(terms, List.of(seconds("2026-04", "50000")),
                List.of(), LocalDate.of(2026, 4, 28)).projection();
        assertEquals(20, ended.elapsedDays(), "the term ended on April 20");
        assertDecimal("50000.000", ended.projectedUsedSeconds());
        assertNull(StatementCalculator.compute(terms, List.of(), List.of(), LocalDate.of(2026, 5, 2)).projection());
    }

    @Test
    void usageBasedCountsSecondsOfARecordGivingBothAndConvertsDollarsPerRecord() {
        ContractTerms terms = tier(Tier.MMC_5000, JAN_1, 1);
        List<UsageRecord> usage = List.of(
                new UsageRecord(YearMonth.of(2026, 1), "a", dec("1000"), dec("99999.00")),
                usd("2026-01", "b", "0.01"), // 0.01 / 0.0075 = 1.333 s
                usd("2026-01", "c", "0.01"),
                seconds("2025-12", "5000000"), // before the term: ignored
                seconds("2026-02", "5000000")); // after the term: ignored

        UsageBasedMonth jan = StatementCalculator.compute(terms, usage, List.of(), LocalDate.of(2026, 2, 1))
                .usageMonths().get(0);

        assertDecimal("1002.666", jan.usedSeconds());
    }

    // ---- dollar packages ----

    @Test
    void packageWithoutContractRateIgnoresSecondsOnlyRecords() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 3, dec("1000.00"), null);
        List<UsageRecord> usage = List.of(seconds("2026-01", "50000"), usd("2026-02", "", "100.00"),
                seconds("2026-02", "70000"), new UsageRecord(YearMonth.of(2026, 3), "", dec("10"), dec("5.50")));

        List<PackageMonth> rows = StatementCalculator.compute(terms, usage, List.of(), LocalDate.of(2026, 4, 1))
                .packageMonths();

        assertEquals(DrawdownSource.NONE, rows.get(0).drawdownSource());
        assertDecimal("0.00", rows.get(0).drawdownUsd());
        assertEquals(DrawdownSource.METERED, rows.get(1).drawdownSource());
        assertDecimal("100.00", rows.get(1).drawdownUsd());
        assertDecimal("5.50", rows.get(2).drawdownUsd(), "a package counts the dollars of a record giving both");
        assertDecimal("894.50", rows.get(2).remainingUsd());
    }

    @Test
    void packageSumsSecondsAtTheContractRateThenRoundsOnce() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 1, dec("100.00"), dec("0.00833"));
        // Each 1 s is $0.00833; rounding each record first would give 3 * 0.01 = 0.03.
        List<UsageRecord> usage = List.of(seconds("2026-01", "1"), seconds("2026-01", "1"), seconds("2026-01", "1"));

        PackageMonth jan = StatementCalculator.compute(terms, usage, List.of(), JAN_1).packageMonths().get(0);

        assertDecimal("0.02", jan.drawdownUsd());
    }

    @Test
    void walletSnapshotsInCreditsOrWithoutBalanceAreSkippedAndThePairIsTakenAcrossThem() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 3, dec("10000.00"), null);
        List<BalanceSnapshot> snapshots = List.of( // deliberately out of order
                BalanceSnapshot.usd(at("2026-02-05T10:00:00Z"), dec("9000.00")),
                new BalanceSnapshot(at("2026-01-20T10:00:00Z"), "credits", dec("500")),
                BalanceSnapshot.usd(at("2026-01-10T10:00:00Z"), dec("10000.00")),
                new BalanceSnapshot(at("2026-01-25T10:00:00Z"), "usd", null),
                new BalanceSnapshot(at("2026-03-03T10:00:00Z"), "USD", dec("9500.00")));

        List<PackageMonth> rows = StatementCalculator.compute(terms, List.of(), snapshots, LocalDate.of(2026, 3, 5))
                .packageMonths();

        PackageMonth jan = rows.get(0);
        assertNull(jan.walletDrawdownUsd(), "one usd snapshot in January makes no pair");
        assertEquals(DrawdownSource.NONE, jan.drawdownSource());
        PackageMonth feb = rows.get(1);
        assertDecimal("1000.00", feb.walletDrawdownUsd());
        assertNull(feb.topUpsUsd());
        assertEquals(DrawdownSource.WALLET, feb.drawdownSource());
        assertDecimal("1000.00", feb.drawdownUsd());
        PackageMonth march = rows.get(2);
        assertDecimal("500.00", march.topUpsUsd());
        assertDecimal("0.00", march.walletDrawdownUsd(), "a pair landed, the balance did not fall");
        assertEquals(DrawdownSource.WALLET, march.drawdownSource());
    }

    @Test
    void meteredUsageWinsOverTheWalletWhichStaysBesideIt() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 2, dec("5000.00"), null);
        List<BalanceSnapshot> snapshots = List.of(BalanceSnapshot.usd(at("2026-01-02T00:00:00Z"), dec("5000")),
                BalanceSnapshot.usd(at("2026-01-30T00:00:00Z"), dec("4100")));

        PackageMonth jan = StatementCalculator.compute(terms, List.of(usd("2026-01", "", "1000.00")), snapshots,
                LocalDate.of(2026, 2, 1)).packageMonths().get(0);

        assertEquals(DrawdownSource.METERED, jan.drawdownSource());
        assertDecimal("1000.00", jan.drawdownUsd());
        assertDecimal("900.00", jan.walletDrawdownUsd());
    }

    @Test
    void forecastUsesFewerThanThreeClosedMonthsWhenThatIsAllThereIs() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 6, dec("10000.00"), null);
        List<UsageRecord> usage = List.of(usd("2026-01", "", "1000.00"), usd("2026-02", "", "2000.00"),
                usd("2026-03", "", "500.00")); // March is OPEN: not a basis month

        Forecast f = StatementCalculator.compute(terms, usage, List.of(), LocalDate.of(2026, 3, 5)).forecast();

        assertEquals(List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2)), f.basisMonths());
        assertDecimal("1500.00", f.avgMonthlyDrawdownUsd());
        assertDecimal("4.7", f.monthsOfRunway()); // 7000 / 1500
        assertNull(f.projectedExhaustionMonth());
        assertDecimal("1000.00", f.projectedUnusedAtTermEndUsd()); // 7000 - 4 * 1500
    }

    @Test
    void noForecastBeforeAnyMonthIsClosed() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 6, dec("10000.00"), null);

        Statement s = StatementCalculator.compute(terms, List.of(usd("2026-01", "", "50.00")), List.of(),
                LocalDate.of(2026, 1, 31));

        assertNull(s.forecast());
        assertFalse(s.jsonBody().containsKey("forecast"));
    }

    @Test
    void exhaustionInTheOpenMonthIsReportedAsItHappened() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 12, dec("10000.00"), null);
        List<UsageRecord> usage = List.of(usd("2026-01", "", "1000.00"), usd("2026-02", "", "9500.00"));

        Statement s = StatementCalculator.compute(terms, usage, List.of(), LocalDate.of(2026, 2, 10));

        assertDecimal("-500.00", s.packageMonths().get(1).remainingUsd());
        assertDecimal("105.0", s.packageMonths().get(1).consumedPct());
        Forecast f = s.forecast();
        assertEquals(YearMonth.of(2026, 2), f.projectedExhaustionMonth(), "the average alone would say October");
        assertDecimal("9.0", f.monthsOfRunway()); // R is taken after the last CLOSED month: 9000 / 1000
    }

    @Test
    void exhaustionIsProjectedIntoAProratedLastMonth() {
        // Jan 16 .. Apr 15: later months weigh 28/28, 31/31 and 15/30 of the average.
        ContractTerms terms = ContractTerms.dollarPackage(LocalDate.of(2026, 1, 16), 3, dec("5000.00"), null);

        Forecast f = StatementCalculator.compute(terms, List.of(usd("2026-01", "", "1600.00")), List.of(),
                LocalDate.of(2026, 2, 3)).forecast();

        assertDecimal("1600.00", f.avgMonthlyDrawdownUsd());
        assertEquals(YearMonth.of(2026, 4), f.projectedExhaustionMonth());
        assertDecimal("-600.00", f.projectedUnusedAtTermEndUsd()); // 3400 - 1600 - 1600 - 800
        assertDecimal("2.1", f.monthsOfRunway());
    }

    @Test
    void runwayIsNullWhenNothingIsDrawnAndZeroOnceExhausted() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 6, dec("10000.00"), null);

        Forecast idle = StatementCalculator.compute(terms, List.of(usd("2026-01", "", "0")), List.of(),
                LocalDate.of(2026, 3, 1)).forecast();
        assertDecimal("0.00", idle.avgMonthlyDrawdownUsd());
        assertNull(idle.monthsOfRunway());
        assertNull(idle.projectedExhaustionMonth());
        assertDecimal("10000.00", idle.projectedUnusedAtTermEndUsd());

        Forecast spent = StatementCalculator.compute(terms, List.of(usd("2026-01", "", "10000.00")), List.of(),
                LocalDate.of(2026, 3, 1)).forecast();
        assertDecimal("0.0", spent.monthsOfRunway());
        assertEquals(YearMonth.of(2026, 1), spent.projectedExhaustionMonth(), "remaining 0 counts as exhausted");
    }

    // ---- shapes ----

    @Test
    void jsonBodyHasTheApiShapeAndDesignFieldNames() throws Exception {
        JsonMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        Statement usage = StatementCalculator.compute(tier(Tier.MMC_5000, JAN_1, 1), List.of(), List.of(), JAN_1);
        Statement pkg = StatementCalculator.compute(ContractTerms.dollarPackage(JAN_1, 2, dec("100.00"), null),
                List.of(), List.of(), LocalDate.of(2026, 2, 1));

        Map<String, Object> body = usage.jsonBody();
        assertEquals(List.of("model", "months", "totals"), List.copyOf(body.keySet()));
        String text = json.writeValueAsString(body);
        assertTrue(text.contains("\"month\":\"2026-01\""), text);
        assertTrue(text.contains("\"includedUsedSeconds\":"), text);
        assertTrue(text.contains("\"utilizationPct\":0.0"), text);
        assertEquals(List.of("model", "months", "totals", "forecast"), List.copyOf(pkg.jsonBody().keySet()));
        assertTrue(json.writeValueAsString(pkg.jsonBody()).contains("\"basisMonths\":[\"2026-01\"]"));
    }

    @Test
    void aUsageRecordNeedsSecondsOrDollars() {
        assertThrows(IllegalArgumentException.class, () -> new UsageRecord(YearMonth.of(2026, 1), "x", null, null));
        assertEquals("", new UsageRecord(YearMonth.of(2026, 1), null, BigDecimal.ONE, null).product());
    }

    // ---- tier comparison ----

    @Test
    void tiersPriceTheClosedMonthsAndDollarsConvertAtEachTiersRate() {
        ContractTerms terms = tier(Tier.MMC_5000, JAN_1, 12);
        List<UsageRecord> usage = List.of(usd("2026-01", "", "5250.00"), seconds("2026-02", "9999999"));

        List<TierCost> costs = TierComparison.compareTiers(usage, terms, LocalDate.of(2026, 2, 14));

        assertEquals(4, costs.size());
        assertTrue(costs.get(0).actualContract());
        assertEquals(1, costs.get(0).months(), "only January is CLOSED");
        assertDecimal("5833.00", costs.get(0).totalUsd()); // 700000 s
        assertEquals(Tier.MMC_1000, costs.get(1).tier());
        assertDecimal("5102.52", costs.get(1).overageUsd()); // 630252.101 s at $0.00833
        assertDecimal("6102.52", costs.get(1).totalUsd());
        assertDecimal("5833.00", costs.get(2).totalUsd());
        assertDecimal("20000.00", costs.get(3).totalUsd());
        assertEquals(List.of(true, false, true, false), costs.stream().map(TierCost::cheapest).toList(),
                "the contract is the $5,000 tier: both are cheapest");
    }

    @Test
    void noTierComparisonForAPackageOrBeforeAMonthCloses() {
        assertTrue(TierComparison.compareTiers(List.of(), ContractTerms.dollarPackage(JAN_1, 12, dec("1000"), null),
                LocalDate.of(2026, 6, 1)).isEmpty());
        assertTrue(TierComparison.compareTiers(List.of(), tier(Tier.MMC_1000, JAN_1, 12), JAN_1).isEmpty());
    }

    // ---- helpers ----

    static ContractTerms tier(Tier tier, LocalDate start, int termMonths) {
        return ContractTerms.usageBased(start, termMonths, tier.mmcUsd, tier.contractRatePerSecond,
                tier.includedSecondsPerMonth, null, tier.overageRatePerSecond);
    }

    static UsageRecord seconds(String month, String seconds) {
        return UsageRecord.ofSeconds(YearMonth.parse(month), "", dec(seconds));
    }

    static UsageRecord usd(String month, String product, String usd) {
        return UsageRecord.ofUsd(YearMonth.parse(month), product, dec(usd));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static void assertDecimal(String expected, BigDecimal actual) {
        assertDecimal(expected, actual, null);
    }

    static void assertDecimal(String expected, BigDecimal actual, String message) {
        assertNotNull(actual, message == null ? "expected " + expected + " but was null" : message);
        assertTrue(new BigDecimal(expected).compareTo(actual) == 0,
                (message == null ? "" : message + ": ") + "expected " + expected + " but was " + actual.toPlainString());
    }
}
