package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the statement engine on the largest statements it must handle: a 60-month term, two
 * products a month, and for the package 15-minute wallet snapshots over the whole term. Run by
 * {@code bench/run.sh}; it reports figures, it asserts nothing.
 */
public final class StatementBenchmark {

    public static void main(String[] args) {
        LocalDate start = LocalDate.of(2024, 1, 15);
        List<UsageRecord> usage = new ArrayList<>();
        for (int m = 0; m < 61; m++) {
            YearMonth month = YearMonth.from(start).plusMonths(m);
            usage.add(UsageRecord.ofSeconds(month, "avatar-iv", BigDecimal.valueOf(500_000 + 997L * m)));
            usage.add(UsageRecord.ofUsd(month, "video-agent", new BigDecimal("812.34")));
        }
        ContractTerms usageBased = ContractTerms.usageBased(start, 60, new BigDecimal("5000.00"), new BigDecimal("0.00750"),
                new BigDecimal("600000"), null, new BigDecimal("0.00833"));
        ContractTerms dollarPackage = ContractTerms.dollarPackage(start, 60, new BigDecimal("600000.00"), new BigDecimal("0.00750"));
        List<BalanceSnapshot> daily = snapshots(start, 24 * 60);
        List<BalanceSnapshot> quarterHourly = snapshots(start, 15);
        LocalDate asOf = start.plusMonths(37);

        report("usage-based, 60 months", () -> StatementCalculator.compute(usageBased, usage, List.of(), asOf));
        report("package, 60 months, no snapshots", () -> StatementCalculator.compute(dollarPackage, usage, List.of(), asOf));
        report("package, 60 months, " + daily.size() + " daily snapshots",
                () -> StatementCalculator.compute(dollarPackage, usage, daily, asOf));
        report("package, 60 months, " + quarterHourly.size() + " 15-min snapshots",
                () -> StatementCalculator.compute(dollarPackage, usage, quarterHourly, asOf));
        report("tier what-if, 60 months", () -> TierComparison.compareTiers(usage, usageBased, asOf));
    }

    private static List<BalanceSnapshot> snapshots(LocalDate start, int everyMinutes) {
        List<BalanceSnapshot> list = new ArrayList<>();
        Instant at = start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant end = start.plusMonths(60).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        BigDecimal balance = new BigDecimal("600000.00");
        BigDecimal step = new BigDecimal("0.07");
        for (; at.isBefore(end); at = at.plusSeconds(everyMinutes * 60L)) {
            list.add(BalanceSnapshot.usd(at, balance));
            balance = balance.subtract(step);
        }
        return list;
    }

    private static void report(String what, Runnable run) {
        for (int i = 0; i < 2_000; i++) {
            run.run();
        }
        int rounds = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            run.run();
            rounds++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < 2_000_000_000L);
        System.out.printf("%-48s %10.1f µs/op  (%d runs)%n", what, elapsed / 1000.0 / rounds, rounds);
    }
}
