package com.spendportal.statements;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;

/**
 * The figures an admin looks for first, read off a statement: where the OPEN month stands, what
 * the CLOSED months cost, and what is left of a package now.
 */
public record StatementSummary(UsageBasedMonth openUsageMonth, PackageMonth currentPackageMonth,
        BigDecimal closedTotalUsd, BigDecimal closedOverageUsd, int closedMonths, int overageMonths,
        boolean exhausted, boolean termOver) {

    public static StatementSummary of(Statement s) {
        BigDecimal closedTotal = BigDecimal.ZERO.setScale(2);
        BigDecimal closedOverage = BigDecimal.ZERO.setScale(2);
        int closed = 0;
        int overageMonths = 0;
        UsageBasedMonth open = null;
        for (UsageBasedMonth m : s.usageMonths()) {
            if (m.status() == MonthStatus.CLOSED) {
                closed++;
                closedTotal = closedTotal.add(m.totalUsd());
                closedOverage = closedOverage.add(m.overageUsd());
                if (m.overageSeconds().signum() > 0) {
                    overageMonths++;
                }
            } else if (m.status() == MonthStatus.OPEN) {
                open = m;
            }
        }
        PackageMonth current = null;
        boolean exhausted = false;
        for (PackageMonth m : s.packageMonths()) {
            if (m.status() != MonthStatus.UPCOMING) {
                current = m;
                closed += m.status() == MonthStatus.CLOSED ? 1 : 0;
                exhausted |= m.remainingUsd().signum() <= 0;
            }
        }
        boolean termOver = s.months().stream().allMatch(m -> status(m) == MonthStatus.CLOSED);
        return new StatementSummary(open, current, closedTotal, closedOverage, closed, overageMonths, exhausted, termOver);
    }

    private static MonthStatus status(Record row) {
        return row instanceof UsageBasedMonth u ? u.status() : ((PackageMonth) row).status();
    }

    /** Metered minus wallet drawdown of a package month: the reconciliation an admin wants to see. */
    @TemplateExtension
    public static BigDecimal meteredMinusWallet(PackageMonth m) {
        return m.walletDrawdownUsd() == null || m.drawdownSource() != DrawdownSource.METERED ? null
                : m.drawdownUsd().subtract(m.walletDrawdownUsd());
    }
}
