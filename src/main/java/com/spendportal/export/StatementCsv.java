package com.spendportal.export;

import com.spendportal.statements.PackageMonth;
import com.spendportal.statements.PackageTotals;
import com.spendportal.statements.Statement;
import com.spendportal.statements.UsageBasedMonth;
import com.spendportal.statements.UsageBasedTotals;
import com.spendportal.web.Csv;
import java.io.IOException;
import java.util.List;

/**
 * The statement export (DESIGN §7): one row per month with the fields of DESIGN §4 (usage-based)
 * or §5 (dollar package) in that order under snake_case headers, then a {@code TOTAL} row with the
 * totals in their columns and the other cells empty. The last three columns are the reconciliation of DESIGN §16:
 * {@code invoiced_usd}, {@code difference_usd} (empty while nothing is recorded) and {@code reconciliation}; after
 * them the job list's (DESIGN §18): {@code usage_source} (usage-based only) and {@code job_seconds} (empty when the
 * account's jobs were never read).
 */
public final class StatementCsv {

    static final List<String> USAGE_BASED_HEADER = List.of("month", "active_days", "days_in_month",
            "commitment_usd", "included_seconds", "used_seconds", "included_used_seconds",
            "unused_included_seconds", "overage_seconds", "overage_usd", "total_usd", "utilization_pct", "status",
            "invoiced_usd", "difference_usd", "reconciliation", "usage_source", "job_seconds");
    static final List<String> PACKAGE_HEADER = List.of("month", "active_days", "days_in_month", "drawdown_usd",
            "drawdown_source", "cumulative_drawdown_usd", "remaining_usd", "consumed_pct", "term_elapsed_pct",
            "wallet_drawdown_usd", "top_ups_usd", "status", "invoiced_usd", "difference_usd", "reconciliation",
            "job_seconds");

    private StatementCsv() {
    }

    public static void write(Statement statement, Appendable out) throws IOException {
        Csv csv = statement.usageBased() ? usageBased(statement, out) : dollarPackage(statement, out);
        csv.flush();
    }

    private static Csv usageBased(Statement statement, Appendable out) throws IOException {
        Csv csv = Csv.withHeader(out, USAGE_BASED_HEADER);
        for (UsageBasedMonth m : statement.usageMonths()) {
            csv.row(m.month(), m.activeDays(), m.daysInMonth(), m.commitmentUsd(), m.includedSeconds(),
                    m.usedSeconds(), m.includedUsedSeconds(), m.unusedIncludedSeconds(), m.overageSeconds(),
                    m.overageUsd(), m.totalUsd(), m.utilizationPct(), m.status(), m.invoicedUsd(), m.differenceUsd(),
                    m.reconciliation(), m.usageSource(), m.jobSeconds());
        }
        UsageBasedTotals t = statement.usageTotals();
        return csv.row("TOTAL", null, null, t.commitmentUsd(), t.includedSeconds(), t.usedSeconds(),
                t.includedUsedSeconds(), t.unusedIncludedSeconds(), t.overageSeconds(), t.overageUsd(),
                t.totalUsd(), null, null, null, null, null, null, null);
    }

    private static Csv dollarPackage(Statement statement, Appendable out) throws IOException {
        Csv csv = Csv.withHeader(out, PACKAGE_HEADER);
        for (PackageMonth m : statement.packageMonths()) {
            csv.row(m.month(), m.activeDays(), m.daysInMonth(), m.drawdownUsd(), m.drawdownSource(),
                    m.cumulativeDrawdownUsd(), m.remainingUsd(), m.consumedPct(), m.termElapsedPct(),
                    m.walletDrawdownUsd(), m.topUpsUsd(), m.status(), m.invoicedUsd(), m.differenceUsd(),
                    m.reconciliation(), m.jobSeconds());
        }
        PackageTotals t = statement.packageTotals();
        return csv.row("TOTAL", null, null, t.drawdownUsd(), null, null, t.remainingUsd(), null, null, null, null,
                null, null, null, null, null);
    }
}
