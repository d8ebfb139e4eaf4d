package com.spendportal.figures;

import com.spendportal.accounts.Account;
import com.spendportal.contracts.Contract;
import com.spendportal.jobs.JobDays;
import com.spendportal.statements.Forecast;
import com.spendportal.statements.Invoices;
import com.spendportal.statements.JobMonth;
import com.spendportal.statements.OpenMonthProjection;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementCalculator;
import com.spendportal.statements.StatementSummary;
import com.spendportal.statements.UsageRecord;
import com.spendportal.statements.WalletMonth;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.WalletHistory;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.wallet.WalletView;
import com.spendportal.web.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One line per account for the dashboard and {@code /accounts.csv}: where the contract stands this
 * month and what needs attention. {@link Overviews} keeps them computed.
 */
public record Overview(Account account, Contract contract, Statement statement, StatementSummary summary,
        WalletSnapshot latestSnapshot, WalletView wallet, int attention, List<String> alerts) {

    /** Attention levels, most urgent first when sorted descending. */
    public static final int NONE = 0;
    public static final int OK = 1;
    public static final int WATCH = 2;
    public static final int ACT = 3;

    static final BigDecimal WATCH_UTILIZATION = new BigDecimal("80");
    static final BigDecimal HUNDRED = new BigDecimal("100");

    /**
     * Every account's line, in name order, from seven queries whatever the number of accounts or
     * readings: accounts, contracts, usage, the wallet months of packages, the latest readings and the job
     * list's months (two).
     */
    static List<Overview> all(LocalDate asOf, Duration pollInterval) {
        List<Account> accounts = Account.listByName();
        Map<Long, Contract> contracts = Contract.byAccountId();
        Map<Long, List<UsageRecord>> usage = UsageEntry.recordsByAccount();
        Map<Long, Map<YearMonth, WalletMonth>> walletMonths = WalletHistory.monthsOfPackages();
        Map<Long, WalletSnapshot> latest = WalletSnapshot.latestOfEveryAccount();
        Map<Long, Map<YearMonth, JobMonth>> jobs = JobDays.monthsByAccount();
        Instant now = Instant.now();
        List<Overview> rows = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            WalletView wallet = WalletView.of(account, latest.get(account.id), pollInterval, now);
            rows.add(of(account, contracts.get(account.id), usage.getOrDefault(account.id, List.of()),
                    walletMonths.getOrDefault(account.id, Map.of()), jobs.get(account.id), wallet, asOf));
        }
        return rows;
    }

    /** One account's line from its own rows (seven small queries), or null when there is no such account. */
    public static Overview forAccount(long accountId, LocalDate asOf, Duration pollInterval) {
        Account account = Account.findById(accountId);
        if (account == null) {
            return null;
        }
        WalletView wallet = WalletView.of(account, WalletSnapshot.latestForAccount(account).orElse(null), pollInterval,
                Instant.now());
        return of(account, Contract.findByAccountId(accountId).orElse(null), UsageEntry.recordsForAccount(accountId),
                WalletHistory.months(accountId), JobDays.months(accountId), wallet, asOf);
    }

    /** The same line with its wallet panel aged to {@code now} (the rest does not depend on the time of day). */
    public Overview at(Instant now, Duration pollInterval) {
        return new Overview(account, contract, statement, summary, latestSnapshot,
                WalletView.of(account, latestSnapshot, pollInterval, now, !wallet.keyUnreadable()), attention, alerts);
    }

    static Overview of(Account account, Contract contract, List<UsageRecord> usage,
            Map<YearMonth, WalletMonth> walletMonths, Map<YearMonth, JobMonth> jobs, WalletView wallet, LocalDate asOf) {
        WalletSnapshot latest = wallet.latest();
        List<String> alerts = new ArrayList<>();
        int attention = NONE;
        Statement statement = null;
        StatementSummary summary = null;
        if (contract != null) {
            statement = StatementCalculator.compute(contract.terms(), usage, walletMonths, asOf, Invoices.NONE, jobs);
            summary = StatementSummary.of(statement);
            attention = OK;
            if (statement.usageBased()) {
                OpenMonthProjection projection = statement.projection();
                if (projection != null && projection.projectedOverageUsd().signum() > 0) {
                    attention = ACT;
                    alerts.add("Overage projected this month: " + Formats.usd(projection.projectedOverageUsd()));
                } else if (summary.openUsageMonth() != null && summary.openUsageMonth().utilizationPct() != null
                        && summary.openUsageMonth().utilizationPct().compareTo(WATCH_UTILIZATION) >= 0) {
                    attention = WATCH;
                    alerts.add("Over 80% of this month's pool used");
                }
            } else {
                Forecast forecast = statement.forecast();
                if (summary.exhausted()) {
                    attention = ACT;
                    alerts.add("Package exhausted");
                } else if (forecast != null && forecast.projectedExhaustionMonth() != null) {
                    attention = ACT;
                    alerts.add("Runs out in " + Formats.label(forecast.projectedExhaustionMonth())
                            + ", before the term ends");
                }
            }
        }
        if (wallet.lowBalance()) {
            attention = ACT;
            alerts.add("Balance below " + Formats.usd(account.lowBalanceThresholdUsd));
        }
        BigDecimal pool = statement == null || summary.openUsageMonth() == null ? null
                : includedPoolUsd(contract, summary.openUsageMonth().includedSeconds());
        if (pool != null && pool.signum() > 0 && latest != null && latest.spendingCurrentUsd != null
                && latest.usageBased()) {
            BigDecimal share = latest.spendingCurrentUsd.multiply(HUNDRED).divide(pool, 1, RoundingMode.HALF_UP);
            if (share.compareTo(HUNDRED) >= 0) {
                attention = ACT;
                alerts.add("Live spend " + Formats.usd(latest.spendingCurrentUsd) + " is past the included pool (" + share + "%)");
            } else if (share.compareTo(WATCH_UTILIZATION) >= 0) {
                attention = Math.max(attention, WATCH);
                alerts.add("Live spend at " + share + "% of the included pool");
            }
        }
        if (wallet.hasKey() && wallet.failureMessage() != null) {
            attention = Math.max(attention, WATCH);
            alerts.add("Wallet refresh failing");
        }
        return new Overview(account, contract, statement, summary, latest, wallet, attention, alerts);
    }

    /** The month's included pool in dollars at the contract rate, to compare with HeyGen's live spend. */
    static BigDecimal includedPoolUsd(Contract contract, BigDecimal includedSeconds) {
        return contract.contractRatePerSecond == null ? null
                : includedSeconds.multiply(contract.contractRatePerSecond).setScale(2, RoundingMode.HALF_UP);
    }

    /** Most urgent first, then by name. */
    public static final Comparator<Overview> BY_ATTENTION = Comparator.comparingInt(Overview::attention).reversed()
            .thenComparing(o -> o.account().name.toLowerCase());

    public String attentionLabel() {
        return switch (attention) {
            case ACT -> "act";
            case WATCH -> "watch";
            case OK -> "on track";
            default -> "no contract";
        };
    }

    public String attentionKind() {
        return switch (attention) {
            case ACT -> "bad";
            case WATCH -> "warn";
            case OK -> "ok";
            default -> "muted";
        };
    }
}
