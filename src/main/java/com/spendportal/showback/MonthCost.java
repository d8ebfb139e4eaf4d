package com.spendportal.showback;

import static java.math.RoundingMode.HALF_UP;
import static java.time.temporal.ChronoUnit.DAYS;

import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.MonthStatus;
import com.spendportal.statements.OpenMonthProjection;
import com.spendportal.statements.PackageMonth;
import com.spendportal.statements.Statement;
import com.spendportal.statements.UsageBasedMonth;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * An account's cost of one month, {@code S} of DESIGN §19, from its statement as of {@code asOf}:
 * <ul>
 * <li>a CLOSED month: its {@code totalUsd} (usage-based) or {@code drawdownUsd} (dollar package);
 * <li>the OPEN month so far: usage-based {@code round2(commitmentUsd * elapsedDays / activeDays) + overageUsd} (the
 * commitment amortized by day), a package its {@code drawdownUsd}; and its month-end projection: usage-based
 * {@code commitmentUsd + round2(max(0, projectedSeconds - includedSeconds) * overageRate)} (§4's projection), a package
 * {@code round2(drawdownUsd * activeDays / elapsedDays)};
 * <li>a month outside the term, or UPCOMING: nothing.
 * </ul>
 * {@code elapsedDays} counts the month's active days up to and including {@code asOf}, as in §4. Before the term's
 * first day in its first month nothing has accrued: the cost so far is 0.00, and the projection is the commitment
 * (usage-based) or 0.00 (package).
 *
 * @param spendUsd     the cost so far (the whole month once CLOSED)
 * @param projectedUsd the month-end projection; null unless the month is OPEN
 */
public record MonthCost(BigDecimal spendUsd, BigDecimal projectedUsd) {

    static final MonthCost NONE = new MonthCost(BigDecimal.ZERO.setScale(2), null);

    /** The cost of {@code month} in {@code statement} (computed as of {@code asOf} from {@code terms}). */
    public static MonthCost of(ContractTerms terms, Statement statement, YearMonth month, LocalDate asOf) {
        if (statement.usageBased()) {
            for (UsageBasedMonth m : statement.usageMonths()) {
                if (m.month().equals(month)) {
                    return usageBased(terms, m, statement.projection(), asOf);
                }
            }
        } else {
            for (PackageMonth m : statement.packageMonths()) {
                if (m.month().equals(month)) {
                    return dollarPackage(terms, m, asOf);
                }
            }
        }
        return NONE;
    }

    private static MonthCost usageBased(ContractTerms terms, UsageBasedMonth m, OpenMonthProjection projection,
            LocalDate asOf) {
        if (m.status() == MonthStatus.CLOSED) {
            return new MonthCost(m.totalUsd(), null);
        }
        if (m.status() != MonthStatus.OPEN) {
            return NONE;
        }
        int elapsed = elapsedDays(terms, m.month(), asOf);
        BigDecimal amortized = m.commitmentUsd().multiply(BigDecimal.valueOf(elapsed))
                .divide(BigDecimal.valueOf(m.activeDays()), 2, HALF_UP);
        BigDecimal projected = projection != null ? projection.projectedTotalUsd() : m.commitmentUsd();
        return new MonthCost(amortized.add(m.overageUsd()), projected);
    }

    private static MonthCost dollarPackage(ContractTerms terms, PackageMonth m, LocalDate asOf) {
        if (m.status() == MonthStatus.CLOSED) {
            return new MonthCost(m.drawdownUsd(), null);
        }
        if (m.status() != MonthStatus.OPEN) {
            return NONE;
        }
        int elapsed = elapsedDays(terms, m.month(), asOf);
        BigDecimal projected = elapsed == 0 ? BigDecimal.ZERO.setScale(2)
                : m.drawdownUsd().multiply(BigDecimal.valueOf(m.activeDays())).divide(BigDecimal.valueOf(elapsed), 2, HALF_UP);
        return new MonthCost(m.drawdownUsd(), projected);
    }

    /** The month's active days from its first in the term through {@code asOf}; 0 before the first. */
    static int elapsedDays(ContractTerms terms, YearMonth month, LocalDate asOf) {
        LocalDate first = terms.startDate().isAfter(month.atDay(1)) ? terms.startDate() : month.atDay(1);
        LocalDate last = terms.endDate().isBefore(month.atEndOfMonth()) ? terms.endDate() : month.atEndOfMonth();
        LocalDate through = asOf.isBefore(last) ? asOf : last;
        return (int) Math.max(0, DAYS.between(first, through) + 1);
    }
}
