package com.spendportal.statements;

import static java.math.RoundingMode.HALF_UP;
import static java.time.temporal.ChronoUnit.DAYS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statement rules of DESIGN §2-5: pure, no clock (the caller passes {@code asOf}), no I/O.
 *
 * <p><b>Months.</b> Every calendar month (UTC) that overlaps the term is a row. A partial first or
 * last month is prorated by {@code activeDays / daysInMonth}. A row is CLOSED before {@code asOf}'s
 * month, OPEN in it and UPCOMING after it.
 *
 * <p><b>Rounding.</b> HALF_UP, once, at the end of each formula, multiplying first and dividing
 * last ({@code round2(mmc * activeDays / daysInMonth)}), so no rounded factor leaks into a result.
 * Totals are sums of the rounded row values. Results carry fixed scales: dollars 2, seconds 3,
 * percentages 1.
 */
public final class StatementCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO_USD = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal ZERO_SECONDS = BigDecimal.ZERO.setScale(3);
    /**
     * lcm(28, 29, 30, 31): every daysInMonth divides it, so the forecast can sum
     * {@code avg * activeDays / daysInMonth} over many months as whole multiples of
     * {@code avg / DAYS_LCM} and round once at the end, exactly.
     */
    private static final BigDecimal DAYS_LCM = BigDecimal.valueOf(377_580);

    private StatementCalculator() {
    }

    /** A calendar month of the term: its first and last day inside the term, and its status. */
    private record BillingMonth(YearMonth month, LocalDate firstDay, LocalDate lastDay, MonthStatus status) {
        int activeDays() {
            return (int) DAYS.between(firstDay, lastDay) + 1;
        }

        int daysInMonth() {
            return month.lengthOfMonth();
        }
    }

    /**
     * Computes the statement of a contract as of a day. Usage records of months outside the term
     * are ignored; snapshots in another currency than usd, or without a balance, are skipped.
     */
    public static Statement compute(ContractTerms terms, List<UsageRecord> usage, List<BalanceSnapshot> snapshots,
            LocalDate asOf) {
        return compute(terms, usage, WalletMonths.of(snapshots), asOf);
    }

    /**
     * Computes the statement from the wallet's per-month figures ({@link WalletMonths}) instead of
     * every reading: the same result, at a cost that does not grow with the readings.
     */
    public static Statement compute(ContractTerms terms, List<UsageRecord> usage, Map<YearMonth, WalletMonth> wallet,
            LocalDate asOf) {
        return compute(terms, usage, wallet, asOf, Invoices.NONE);
    }

    /**
     * The statement with each month's recorded invoice held against the month's totalUsd (usage-based)
     * or drawdownUsd (package): DESIGN §16.
     */
    public static Statement compute(ContractTerms terms, List<UsageRecord> usage, Map<YearMonth, WalletMonth> wallet,
            LocalDate asOf, Invoices invoices) {
        return compute(terms, usage, wallet, asOf, invoices, null);
    }

    /**
     * The statement with the account's job list (DESIGN §18): a usage-based month without usage records takes its
     * completed job seconds as {@code usedSeconds}; every row shows its job seconds. {@code jobs} is null when the
     * account's jobs were never read, which gives the statement as before, to the cent.
     */
    public static Statement compute(ContractTerms terms, List<UsageRecord> usage, Map<YearMonth, WalletMonth> wallet,
            LocalDate asOf, Invoices invoices, Map<YearMonth, JobMonth> jobs) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(invoices, "invoices");
        Objects.requireNonNull(asOf, "asOf");
        if (terms.termMonths() < 1) {
            throw new IllegalArgumentException("termMonths must be at least 1, was " + terms.termMonths());
        }
        List<BillingMonth> months = billingMonths(terms, asOf);
        Map<YearMonth, List<UsageRecord>> usageByMonth = usage.stream()
                .collect(Collectors.groupingBy(UsageRecord::month));
        return terms.model() == ContractModel.USAGE_BASED
                ? usageBased(terms, months, usageByMonth, asOf, invoices, jobs)
                : dollarPackage(terms, months, usageByMonth, wallet, invoices, jobs);
    }

    private static List<BillingMonth> billingMonths(ContractTerms terms, LocalDate asOf) {
        LocalDate start = terms.startDate();
        LocalDate end = terms.endDate();
        YearMonth current = YearMonth.from(asOf);
        List<BillingMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) {
            LocalDate first = max(start, m.atDay(1));
            LocalDate last = min(end, m.atEndOfMonth());
            MonthStatus status = m.isBefore(current) ? MonthStatus.CLOSED
                    : m.equals(current) ? MonthStatus.OPEN : MonthStatus.UPCOMING;
            months.add(new BillingMonth(m, first, last, status));
        }
        return months;
    }

    // ---- usage-based (DESIGN §4) ----

    private static Statement usageBased(ContractTerms terms, List<BillingMonth> months,
            Map<YearMonth, List<UsageRecord>> usage, LocalDate asOf, Invoices invoices, Map<YearMonth, JobMonth> jobs) {
        List<UsageBasedMonth> rows = new ArrayList<>(months.size());
        OpenMonthProjection projection = null;
        for (BillingMonth bm : months) {
            UsageBasedMonth row = usageBasedMonth(terms, bm, usage.getOrDefault(bm.month(), List.of()), invoices,
                    jobs == null ? null : jobs.get(bm.month()), jobs != null);
            rows.add(row);
            if (bm.status() == MonthStatus.OPEN) {
                projection = project(terms, bm, row, asOf);
            }
        }
        return new Statement(ContractModel.USAGE_BASED, rows, List.of(), usageTotals(rows), null, null, projection);
    }

    /**
     * One usage-based month. The MMC and the included pool are prorated by active days; usage beyond
     * the pool is overage at the overage rate; unused included seconds are forfeited (no rollover).
     * The invoice is the prorated MMC plus the overage. The usage is the month's usage records when it has any, else
     * its completed job seconds when it has a completed job (DESIGN §18).
     */
    private static UsageBasedMonth usageBasedMonth(ContractTerms terms, BillingMonth bm, List<UsageRecord> records,
            Invoices invoices, JobMonth jobMonth, boolean jobsRead) {
        BigDecimal activeDays = BigDecimal.valueOf(bm.activeDays());
        BigDecimal daysInMonth = BigDecimal.valueOf(bm.daysInMonth());
        BigDecimal commitmentUsd = orZero(terms.mmcUsd()).multiply(activeDays).divide(daysInMonth, 2, HALF_UP);
        BigDecimal includedSeconds = includedSeconds(terms, activeDays, daysInMonth);
        UsageSource source = !records.isEmpty() ? UsageSource.RECORDS
                : jobMonth != null && jobMonth.completedJobs() > 0 ? UsageSource.JOBS : UsageSource.NONE;
        BigDecimal usedSeconds = source == UsageSource.JOBS ? jobMonth.seconds().setScale(3, HALF_UP)
                : usedSeconds(terms.contractRatePerSecond(), records);
        BigDecimal includedUsedSeconds = usedSeconds.min(includedSeconds);
        BigDecimal overageSeconds = usedSeconds.subtract(includedSeconds).max(ZERO_SECONDS);
        BigDecimal overageUsd = round2(overageSeconds.multiply(orZero(terms.overageRatePerSecond())));
        BigDecimal utilizationPct = includedSeconds.signum() == 0 ? null
                : usedSeconds.multiply(HUNDRED).divide(includedSeconds, 1, HALF_UP);
        BigDecimal totalUsd = commitmentUsd.add(overageUsd);
        Invoices.Outcome invoice = invoices.reconcile(bm.month(), totalUsd);
        return new UsageBasedMonth(bm.month(), bm.activeDays(), bm.daysInMonth(), commitmentUsd, includedSeconds,
                usedSeconds, includedUsedSeconds, includedSeconds.subtract(includedUsedSeconds), overageSeconds,
                overageUsd, totalUsd, utilizationPct, bm.status(), invoice.invoicedUsd(), invoice.differenceUsd(),
                invoice.reconciliation(), source, jobSeconds(jobMonth, jobsRead));
    }

    /** The month's completed job seconds; 0.000 for a month without jobs, null when the jobs were never read. */
    private static BigDecimal jobSeconds(JobMonth jobMonth, boolean jobsRead) {
        return !jobsRead ? null : jobMonth == null ? ZERO_SECONDS : jobMonth.seconds().setScale(3, HALF_UP);
    }

    /** The prorated pool, given in seconds or in dollars at the contract rate. */
    private static BigDecimal includedSeconds(ContractTerms terms, BigDecimal activeDays, BigDecimal daysInMonth) {
        if (terms.includedSecondsPerMonth() != null) {
            return terms.includedSecondsPerMonth().multiply(activeDays).divide(daysInMonth, 3, HALF_UP);
        }
        BigDecimal rate = terms.contractRatePerSecond();
        if (terms.includedUsdPerMonth() != null && rate != null && rate.signum() > 0) {
            return terms.includedUsdPerMonth().multiply(activeDays).divide(daysInMonth.multiply(rate), 3, HALF_UP);
        }
        return ZERO_SECONDS;
    }

    /** Seconds count as given; a dollars-only record converts on its own: {@code round3(usd / rate)}. */
    private static BigDecimal usedSeconds(BigDecimal contractRate, List<UsageRecord> records) {
        BigDecimal used = ZERO_SECONDS;
        for (UsageRecord r : records) {
            if (r.seconds() != null) {
                used = used.add(r.seconds());
            } else if (contractRate != null && contractRate.signum() > 0) {
                used = used.add(r.usd().divide(contractRate, 3, HALF_UP));
            }
        }
        return used.setScale(3, HALF_UP);
    }

    /**
     * Month-end projection of the OPEN month: the usage so far at the same daily pace over all the
     * month's active days, {@code round3(usedSeconds * activeDays / elapsedDays)}. None when the
     * term has not started yet on {@code asOf}.
     */
    private static OpenMonthProjection project(ContractTerms terms, BillingMonth bm, UsageBasedMonth row,
            LocalDate asOf) {
        int elapsedDays = (int) DAYS.between(bm.firstDay(), min(asOf, bm.lastDay())) + 1;
        if (elapsedDays <= 0) {
            return null;
        }
        BigDecimal projectedUsed = row.usedSeconds().multiply(BigDecimal.valueOf(bm.activeDays()))
                .divide(BigDecimal.valueOf(elapsedDays), 3, HALF_UP);
        BigDecimal projectedOverage = projectedUsed.subtract(row.includedSeconds()).max(ZERO_SECONDS);
        BigDecimal projectedOverageUsd = round2(projectedOverage.multiply(orZero(terms.overageRatePerSecond())));
        return new OpenMonthProjection(bm.month(), elapsedDays, projectedUsed, projectedOverage, projectedOverageUsd,
                row.commitmentUsd().add(projectedOverageUsd));
    }

    private static UsageBasedTotals usageTotals(List<UsageBasedMonth> rows) {
        return new UsageBasedTotals(
                sum(rows, UsageBasedMonth::commitmentUsd, ZERO_USD),
                sum(rows, UsageBasedMonth::includedSeconds, ZERO_SECONDS),
                sum(rows, UsageBasedMonth::usedSeconds, ZERO_SECONDS),
                sum(rows, UsageBasedMonth::includedUsedSeconds, ZERO_SECONDS),
                sum(rows, UsageBasedMonth::unusedIncludedSeconds, ZERO_SECONDS),
                sum(rows, UsageBasedMonth::overageSeconds, ZERO_SECONDS),
                sum(rows, UsageBasedMonth::overageUsd, ZERO_USD),
                sum(rows, UsageBasedMonth::totalUsd, ZERO_USD));
    }

    // ---- dollar package (DESIGN §5) ----

    /**
     * Dollar-package rows. A month's drawdown is its metered usage when it has usage records
     * (METERED), else the wallet's drawdown when snapshots landed in it (WALLET), else 0.00 (NONE).
     * The wallet figures are shown beside the metered ones either way, for reconciliation.
     */
    private static Statement dollarPackage(ContractTerms terms, List<BillingMonth> months,
            Map<YearMonth, List<UsageRecord>> usage, Map<YearMonth, WalletMonth> wallet, Invoices invoices,
            Map<YearMonth, JobMonth> jobs) {
        BigDecimal packageUsd = orZero(terms.packageUsd()).setScale(2, HALF_UP);
        BigDecimal termDays = BigDecimal.valueOf(DAYS.between(terms.startDate(), terms.endDate()) + 1);
        BigDecimal cumulative = ZERO_USD;
        List<PackageMonth> rows = new ArrayList<>(months.size());
        for (BillingMonth bm : months) {
            BigDecimal metered = meteredUsd(terms.contractRatePerSecond(), usage.getOrDefault(bm.month(), List.of()));
            WalletMonth w = wallet.get(bm.month());
            boolean paired = w != null && w.balancePairs() > 0;
            BigDecimal walletDrawdown = paired ? w.drawdownUsd().setScale(2, HALF_UP) : null;
            BigDecimal topUps = !paired || w.topUpsUsd().signum() == 0 ? null : w.topUpsUsd().setScale(2, HALF_UP);
            DrawdownSource source = metered != null ? DrawdownSource.METERED
                    : walletDrawdown != null ? DrawdownSource.WALLET : DrawdownSource.NONE;
            BigDecimal drawdown = switch (source) {
                case METERED -> metered;
                case WALLET -> walletDrawdown;
                case NONE -> ZERO_USD;
            };
            cumulative = cumulative.add(drawdown);
            BigDecimal consumedPct = packageUsd.signum() == 0 ? null
                    : cumulative.multiply(HUNDRED).divide(packageUsd, 1, HALF_UP);
            // Days from the start through the month's last day in the term, both ends inclusive.
            BigDecimal elapsedDays = BigDecimal.valueOf(DAYS.between(terms.startDate(), bm.lastDay()) + 1);
            BigDecimal termElapsedPct = elapsedDays.multiply(HUNDRED).divide(termDays, 1, HALF_UP);
            Invoices.Outcome invoice = invoices.reconcile(bm.month(), drawdown);
            rows.add(new PackageMonth(bm.month(), bm.activeDays(), bm.daysInMonth(), drawdown, source, cumulative,
                    packageUsd.subtract(cumulative), consumedPct, termElapsedPct, walletDrawdown, topUps, bm.status(),
                    invoice.invoicedUsd(), invoice.differenceUsd(), invoice.reconciliation(),
                    jobSeconds(jobs == null ? null : jobs.get(bm.month()), jobs != null)));
        }
        PackageTotals totals = new PackageTotals(cumulative, packageUsd.subtract(cumulative));
        return new Statement(ContractModel.DOLLAR_PACKAGE, List.of(), rows, null, totals, forecast(rows), null);
    }

    /**
     * A package month's metered usage in dollars: dollar amounts as given, seconds-only records at
     * the contract rate, {@code round2} over the month's sum. Null when no record counts (no
     * records, or only seconds on a package without a rate).
     */
    private static BigDecimal meteredUsd(BigDecimal contractRate, List<UsageRecord> records) {
        BigDecimal usd = BigDecimal.ZERO;
        BigDecimal seconds = BigDecimal.ZERO;
        boolean counted = false;
        for (UsageRecord r : records) {
            if (r.usd() != null) {
                usd = usd.add(r.usd());
                counted = true;
            } else if (contractRate != null) {
                seconds = seconds.add(r.seconds());
                counted = true;
            }
        }
        return counted ? round2(usd.add(seconds.multiply(orZero(contractRate)))) : null;
    }

    /**
     * The package forecast from the last up to three CLOSED months (DESIGN §5). With {@code R} the
     * remaining after the last basis month and {@code avg} their average drawdown, each later month
     * of the term is expected to draw {@code avg * activeDays / daysInMonth}. The package is
     * exhausted in the first CLOSED or OPEN row whose remaining is 0 or less, else in the first later
     * month where that projection reaches 0. Null when no month is CLOSED yet.
     */
    private static Forecast forecast(List<PackageMonth> rows) {
        int lastClosed = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).status() == MonthStatus.CLOSED) {
                lastClosed = i;
            }
        }
        if (lastClosed < 0) {
            return null;
        }
        List<PackageMonth> basis = rows.subList(Math.max(0, lastClosed - 2), lastClosed + 1);
        BigDecimal avg = sum(basis, PackageMonth::drawdownUsd, ZERO_USD)
                .divide(BigDecimal.valueOf(basis.size()), 2, HALF_UP);
        BigDecimal remaining = basis.get(basis.size() - 1).remainingUsd();
        BigDecimal runway = remaining.signum() <= 0 ? BigDecimal.ZERO.setScale(1)
                : avg.signum() == 0 ? null : remaining.divide(avg, 1, HALF_UP);

        YearMonth exhaustion = rows.stream()
                .filter(r -> r.status() != MonthStatus.UPCOMING && r.remainingUsd().signum() <= 0)
                .map(PackageMonth::month)
                .findFirst().orElse(null);
        // Work in units of 1/DAYS_LCM so the prorated projections add up without rounding.
        BigDecimal scaledRemaining = remaining.multiply(DAYS_LCM);
        BigDecimal projectedUnits = BigDecimal.ZERO;
        for (PackageMonth later : rows.subList(lastClosed + 1, rows.size())) {
            BigDecimal units = DAYS_LCM.divide(BigDecimal.valueOf(later.daysInMonth()))
                    .multiply(BigDecimal.valueOf(later.activeDays()));
            projectedUnits = projectedUnits.add(avg.multiply(units));
            if (exhaustion == null && avg.signum() > 0 && scaledRemaining.compareTo(projectedUnits) <= 0) {
                exhaustion = later.month();
            }
        }
        BigDecimal unusedAtTermEnd = scaledRemaining.subtract(projectedUnits).divide(DAYS_LCM, 2, HALF_UP);
        return new Forecast(basis.stream().map(PackageMonth::month).toList(), avg, runway, exhaustion,
                unusedAtTermEnd);
    }

    // ---- helpers ----

    private static BigDecimal round2(BigDecimal value) {
        return value.setScale(2, HALF_UP);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static <T> BigDecimal sum(List<T> rows, Function<T, BigDecimal> field, BigDecimal zero) {
        BigDecimal total = zero;
        for (T row : rows) {
            total = total.add(field.apply(row));
        }
        return total;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
