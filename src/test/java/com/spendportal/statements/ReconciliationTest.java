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

/** DESIGN §16: an invoice held against totalUsd (usage-based) or drawdownUsd (package), within the tolerance or not. */
@Tag("h2-only") // no database: the reconciliation rule on values
class ReconciliationTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final YearMonth JAN = YearMonth.of(2026, 1);
    private static final YearMonth FEB = YearMonth.of(2026, 2);
    private static final YearMonth MAR = YearMonth.of(2026, 3);
    private static final BigDecimal TOLERANCE = new BigDecimal("1.00");

    /** January: 5,000.00 commitment + 100,000 s of overage at 0.00833 = 5,833.00. */
    private static Statement usageBased(Map<YearMonth, BigDecimal> invoiced, BigDecimal tolerance) {
        ContractTerms terms = ContractTerms.usageBased(JAN_1, 3, dec("5000.00"), dec("0.00750"), dec("600000"), null,
                dec("0.00833"));
        return StatementCalculator.compute(terms, List.of(UsageRecord.ofSeconds(JAN, "", dec("700000"))), Map.of(),
                LocalDate.of(2026, 3, 10), new Invoices(invoiced, tolerance));
    }

    @Test
    void theThreeStatesAndTheEdgeOfTheTolerance() {
        Statement statement = usageBased(Map.of(JAN, dec("5834.00"), FEB, dec("5001.01")), TOLERANCE);
        UsageBasedMonth jan = statement.usageMonths().get(0);
        UsageBasedMonth feb = statement.usageMonths().get(1);
        UsageBasedMonth mar = statement.usageMonths().get(2);

        assertEquals(dec("5833.00"), jan.totalUsd());
        assertEquals(dec("5834.00"), jan.invoicedUsd());
        assertEquals(dec("1.00"), jan.differenceUsd());
        assertEquals(Reconciliation.MATCHED, jan.reconciliation(), "exactly the tolerance matches");

        assertEquals(dec("5000.00"), feb.totalUsd());
        assertEquals(dec("1.01"), feb.differenceUsd());
        assertEquals(Reconciliation.DIFFERS, feb.reconciliation(), "a cent over the tolerance differs");

        assertNull(mar.invoicedUsd());
        assertNull(mar.differenceUsd());
        assertEquals(Reconciliation.OPEN, mar.reconciliation());
    }

    @Test
    void underInvoicingCountsTheSameWayAsOverInvoicing() {
        Statement statement = usageBased(Map.of(JAN, dec("5832"), FEB, dec("4998.99")), TOLERANCE);

        assertEquals(dec("-1.00"), statement.usageMonths().get(0).differenceUsd());
        assertEquals(Reconciliation.MATCHED, statement.usageMonths().get(0).reconciliation());
        assertEquals(dec("-1.01"), statement.usageMonths().get(1).differenceUsd());
        assertEquals(Reconciliation.DIFFERS, statement.usageMonths().get(1).reconciliation());
    }

    @Test
    void aZeroToleranceMatchesOnlyTheExactCent() {
        Statement statement = usageBased(Map.of(JAN, dec("5833.00"), FEB, dec("5000.01")), BigDecimal.ZERO);

        assertEquals(Reconciliation.MATCHED, statement.usageMonths().get(0).reconciliation());
        assertEquals(dec("0.00"), statement.usageMonths().get(0).differenceUsd());
        assertEquals(Reconciliation.DIFFERS, statement.usageMonths().get(1).reconciliation());
    }

    @Test
    void aPackageIsReconciledAgainstItsDrawdown() {
        ContractTerms terms = ContractTerms.dollarPackage(JAN_1, 2, dec("10000.00"), dec("0.00500"));
        Statement statement = StatementCalculator.compute(terms,
                List.of(UsageRecord.ofSeconds(JAN, "", dec("100000"))), Map.of(), LocalDate.of(2026, 3, 1),
                new Invoices(Map.of(JAN, dec("498.99"), FEB, dec("0")), TOLERANCE));

        PackageMonth jan = statement.packageMonths().get(0);
        assertEquals(dec("500.00"), jan.drawdownUsd());
        assertEquals(dec("-1.01"), jan.differenceUsd());
        assertEquals(Reconciliation.DIFFERS, jan.reconciliation());
        PackageMonth feb = statement.packageMonths().get(1);
        assertEquals(dec("0.00"), feb.invoicedUsd());
        assertEquals(Reconciliation.MATCHED, feb.reconciliation());
    }

    @Test
    void withoutInvoicesEveryMonthIsOpen() {
        Statement statement = usageBased(Map.of(), TOLERANCE);
        statement.usageMonths().forEach(m -> assertEquals(Reconciliation.OPEN, m.reconciliation()));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
