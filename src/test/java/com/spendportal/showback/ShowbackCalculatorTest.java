package com.spendportal.showback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.spendportal.showback.ShowbackCalculator.AccountMonth;
import com.spendportal.showback.ShowbackCalculator.Centre;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Line;
import com.spendportal.showback.ShowbackCalculator.Members;
import com.spendportal.showback.ShowbackCalculator.Showback;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Invoices;
import com.spendportal.statements.JobMonth;
import com.spendportal.statements.MonthStatus;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementCalculator;
import com.spendportal.statements.UsageRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** DESIGN §19's month cost, owners, centre sums and budget percentages, worked by hand in the comments. */
@Tag("h2-only") // no database: the showback engine on values
class ShowbackCalculatorTest {

    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final ContractTerms MMC = ContractTerms.usageBased(LocalDate.of(2026, 1, 1), 12, usd("5000.00"),
            usd("0.00750"), usd("600000"), null, usd("0.00833"));

    @Test
    void sharesGoToTheFolderCentreThenTheAccountCentreThenNobody() {
        Centre marketing = new Centre(7, "Marketing", usd("80.00"));
        Centre support = new Centre(3, "Support team", usd("1000.00"));
        Centre idle = new Centre(9, "Idle", null);
        Members members = new Members(Map.of(1L, 3L), Map.of(1L, Map.of("fld_m", 7L)));
        List<AccountMonth> accounts = List.of(
                new AccountMonth(1, "Acme", new MonthCost(usd("300.00"), null),
                        Map.of("fld_m", usd("100.000"), "fld_s", usd("200.000"))),
                new AccountMonth(2, "Beta", new MonthCost(usd("50.00"), null), Map.of()),
                new AccountMonth(4, "Idle account", new MonthCost(usd("0.00"), null), Map.of()));

        Showback s = ShowbackCalculator.compute(MARCH, MonthStatus.CLOSED, accounts, List.of(support, marketing, idle), members);

        // by name: Idle, Marketing, Support team
        assertEquals(List.of("Idle", "Marketing", "Support team"), s.centres().stream().map(c -> c.centre().name()).toList());
        CentreMonth idleMonth = s.centres().get(0);
        assertEquals(usd("0.00"), idleMonth.spendUsd());
        assertNull(idleMonth.budgetUsedPct());
        // Acme's 300.00 by 100 : 200 seconds: fld_m 100.00 to Marketing (its folder), fld_s 200.00 to Support (the account)
        CentreMonth m = s.centres().get(1);
        assertEquals(List.of(new Line(1, "Acme", "fld_m", usd("100.000"), usd("100.00"), null)), m.lines());
        assertEquals(usd("100.00"), m.spendUsd());
        assertEquals(usd("125.0"), m.budgetUsedPct()); // 100.00 * 100 / 80.00
        CentreMonth t = s.centres().get(2);
        assertEquals(List.of(new Line(1, "Acme", "fld_s", usd("200.000"), usd("200.00"), null)), t.lines());
        assertEquals(usd("20.0"), t.budgetUsedPct()); // 200.00 * 100 / 1000.00
        // Beta has no jobs: its 50.00 is one share of the blank folder, held by nobody; the idle account shows nowhere
        assertEquals(List.of(new Line(2, "Beta", "", usd("0.000"), usd("50.00"), null)), s.unassigned().lines());
        assertEquals(usd("350.00"), s.totalUsd()); // 100.00 + 200.00 + 50.00
        assertNull(s.projectedTotalUsd());
    }

    @Test
    void theOpenMonthAmortizesTheCommitmentAndProjectsByTheSameWeights() {
        // March 10: 200000 s of jobs (no records), under the 600000 s pool: no overage yet
        Map<YearMonth, JobMonth> jobs = Map.of(MARCH, new JobMonth(5, usd("200000.000")));
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Statement statement = StatementCalculator.compute(MMC, List.of(), Map.of(), asOf, Invoices.NONE, jobs);

        MonthCost cost = MonthCost.of(MMC, statement, MARCH, asOf);
        // so far: round2(5000.00 * 10 / 31) = round2(1612.903...) = 1612.90, plus 0.00 overage
        assertEquals(usd("1612.90"), cost.spendUsd());
        // month end: 200000 * 31 / 10 = 620000 s, 20000 over the pool: round2(20000 * 0.00833) = 166.60; 5000.00 + 166.60
        assertEquals(usd("5166.60"), cost.projectedUsd());

        Centre video = new Centre(1, "Video", usd("2000.00"));
        Showback s = ShowbackCalculator.compute(MARCH, MonthStatus.OPEN,
                List.of(new AccountMonth(1, "Acme", cost, Map.of("fld_v", usd("150000.000"), "", usd("50000.000")))),
                List.of(video), new Members(Map.of(), Map.of(1L, Map.of("fld_v", 1L))));
        // 3 : 1 -> 1612.90 * 3/4 = 1209.675 -> 1209.67 (remainder .5 cent), 403.225 -> 403.22 (remainder .5 cent);
        // one cent left, equal remainders: fld_v before the blank folder -> 1209.68 and 403.22
        CentreMonth v = s.centres().get(0);
        assertEquals(usd("1209.68"), v.spendUsd());
        // 5166.60 * 3/4 = 3874.95, * 1/4 = 1291.65: exact
        assertEquals(usd("3874.95"), v.projectedUsd());
        assertEquals(usd("60.5"), v.budgetUsedPct()); // 1209.68 * 100 / 2000.00 = 60.484
        assertEquals(usd("403.22"), s.unassigned().spendUsd());
        assertEquals(usd("1291.65"), s.unassigned().projectedUsd());
        assertEquals(usd("1612.90"), s.totalUsd());
        assertEquals(usd("5166.60"), s.projectedTotalUsd());
    }

    @Test
    void anAccountWithJobsButNoContractShowsItsSecondsAtNoCostInTheOpenMonth() {
        Showback s = ShowbackCalculator.compute(MARCH, MonthStatus.OPEN,
                List.of(new AccountMonth(5, "No contract", new MonthCost(usd("0.00"), null), Map.of("fld_x", usd("42.000")))),
                List.of(), Members.NONE);
        // no cost to share, but its seconds show, and every open-month line has a projection (0.00)
        assertEquals(List.of(new Line(5, "No contract", "fld_x", usd("42.000"), usd("0.00"), usd("0.00"))),
                s.unassigned().lines());
        assertEquals(usd("0.00"), s.projectedTotalUsd());
    }

    @Test
    void aTermThatStartsMidMonthAmortizesOverItsActiveDays() {
        ContractTerms terms = ContractTerms.usageBased(LocalDate.of(2026, 3, 15), 12, usd("5000.00"), usd("0.00750"),
                usd("600000"), null, usd("0.00833"));
        LocalDate asOf = LocalDate.of(2026, 3, 20);
        Statement statement = StatementCalculator.compute(terms, List.of(), Map.of(), asOf);
        // March has 17 active days (15th-31st): commitment round2(5000.00 * 17 / 31) = 2741.94;
        // 6 of them elapsed (15th-20th): round2(2741.94 * 6 / 17) = round2(967.7435...) = 967.74
        assertEquals(usd("967.74"), MonthCost.of(terms, statement, MARCH, asOf).spendUsd());
        // before the term's first day nothing has accrued
        assertEquals(usd("0.00"), MonthCost.of(terms, StatementCalculator.compute(terms, List.of(), Map.of(),
                LocalDate.of(2026, 3, 10)), MARCH, LocalDate.of(2026, 3, 10)).spendUsd());
    }

    @Test
    void aPackageCostsItsDrawdownAndProjectsItsPace() {
        ContractTerms terms = ContractTerms.dollarPackage(LocalDate.of(2026, 1, 1), 12, usd("120000.00"), usd("0.00500"));
        List<UsageRecord> usage = List.of(UsageRecord.ofUsd(YearMonth.of(2026, 2), "", usd("1234.56")),
                UsageRecord.ofUsd(MARCH, "", usd("300.00")));
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Statement statement = StatementCalculator.compute(terms, usage, Map.of(), asOf);

        assertEquals(new MonthCost(usd("1234.56"), null), MonthCost.of(terms, statement, YearMonth.of(2026, 2), asOf));
        // 300.00 in 10 of 31 days: round2(300.00 * 31 / 10) = 930.00
        assertEquals(new MonthCost(usd("300.00"), usd("930.00")), MonthCost.of(terms, statement, MARCH, asOf));
        // an upcoming month and a month before the term cost nothing
        assertEquals(usd("0.00"), MonthCost.of(terms, statement, YearMonth.of(2026, 4), asOf).spendUsd());
        assertEquals(usd("0.00"), MonthCost.of(terms, statement, YearMonth.of(2025, 12), asOf).spendUsd());
    }

    private static BigDecimal usd(String text) {
        return new BigDecimal(text);
    }
}
