package com.spendportal.alerts;

import com.spendportal.accounts.Account;
import com.spendportal.figures.Overview;
import com.spendportal.figures.Overviews;
import com.spendportal.plan.Plan;
import com.spendportal.plan.PlanCalculator;
import com.spendportal.plan.PlanInputs;
import com.spendportal.plan.PlanOption;
import com.spendportal.spend.DailySpend;
import com.spendportal.spend.SpikeRule;
import com.spendportal.statements.Forecast;
import com.spendportal.statements.OpenMonthProjection;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementSummary;
import com.spendportal.statements.Statements;
import com.spendportal.statements.UsageBasedMonth;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.UpstreamFailure;
import com.spendportal.wallet.WalletDays;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.wallet.WalletView;
import com.spendportal.web.DataVersion;
import com.spendportal.web.Fatal;
import com.spendportal.web.Formats;
import com.spendportal.web.PortalConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps every account's alerts in step with its figures (DESIGN §11): an alert FIRES when its
 * condition becomes true and RESOLVES when it becomes false, and each transition queues one
 * delivery per channel in the transaction that records it.
 *
 * <p>Once: the transition is decided while the account's row is locked, from figures read after
 * the lock, against the alert rows as they are then. A second instance (or a second check on this
 * one) waits for the lock and then finds nothing to change, and a restart finds the state stored.
 *
 * <p>When: every {@code portal.alerts.check-interval} over all accounts (from the dashboard's
 * cached lines; only accounts whose alerts differ are locked and decided afresh), and for one
 * account right after any change to its figures commits (a refresh, an import, a contract change:
 * everything that moves its {@code figures_version}).
 */
@ApplicationScoped
public class AlertChecker {

    private static final Logger LOG = Logger.getLogger(AlertChecker.class);
    static final BigDecimal EIGHTY = new BigDecimal("80");
    static final BigDecimal HUNDRED = new BigDecimal("100");

    /** One alert's identity: its type and, for the monthly ones, the month. */
    record Key(Alert.Type type, String period) {
    }

    @Inject
    Overviews overviews;

    @Inject
    Deliveries deliveries;

    @Inject
    PortalConfig config;

    @Inject
    BudgetAlerts budgets;

    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile Boolean enabled;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "alert-check");
        thread.setDaemon(true);
        return thread;
    });

    /** What should be firing for this line now, with its message. */
    static Map<Key, String> conditions(Overview line, Instant now, Duration pollInterval) {
        Map<Key, String> firing = new LinkedHashMap<>();
        Statement statement = line.statement();
        StatementSummary summary = line.summary();
        if (statement != null && statement.usageBased() && summary.openUsageMonth() != null) {
            UsageBasedMonth month = summary.openUsageMonth();
            String period = month.month().toString();
            String label = Formats.label(month.month());
            BigDecimal pct = month.utilizationPct();
            String used = label + ": " + Formats.secs(month.usedSeconds()) + " used of " + Formats.secs(month.includedSeconds())
                    + " included (" + Formats.pct(pct) + ").";
            if (pct != null && pct.compareTo(EIGHTY) >= 0) {
                firing.put(new Key(Alert.Type.POOL_80, period), used);
            }
            if (pct != null && pct.compareTo(HUNDRED) >= 0) {
                firing.put(new Key(Alert.Type.POOL_100, period), used);
            }
            OpenMonthProjection projection = statement.projection();
            if (projection != null && projection.projectedOverageUsd().signum() > 0) {
                firing.put(new Key(Alert.Type.OVERAGE_PROJECTED, projection.month().toString()),
                        Formats.label(projection.month()) + ": at this month's pace " + Formats.secs(projection.projectedUsedSeconds())
                                + " by month end, " + Formats.secs(projection.projectedOverageSeconds()) + " over the pool: "
                                + Formats.usd(projection.projectedOverageUsd()) + " of overage.");
            }
        }
        if (statement != null && !statement.usageBased()) {
            Forecast forecast = statement.forecast();
            if (summary.exhausted()) {
                firing.put(new Key(Alert.Type.PACKAGE_EXHAUSTION, ""), "The package of " + Formats.usd(line.contract().packageUsd)
                        + " is used up: " + Formats.usd(summary.currentPackageMonth() == null ? null
                                : summary.currentPackageMonth().remainingUsd()) + " remaining.");
            } else if (forecast != null && forecast.projectedExhaustionMonth() != null) {
                firing.put(new Key(Alert.Type.PACKAGE_EXHAUSTION, ""), "At " + Formats.usd(forecast.avgMonthlyDrawdownUsd())
                        + " a month the package runs out in " + Formats.label(forecast.projectedExhaustionMonth())
                        + ", before the term ends on " + Formats.label(line.contract().terms().endDate()) + ".");
            }
        }
        WalletView wallet = line.wallet();
        Account account = line.account();
        if (wallet.lowBalance()) {
            firing.put(new Key(Alert.Type.LOW_BALANCE, ""), "The balance of " + Formats.usd(wallet.latest().remainingBalance)
                    + " is below the " + Formats.usd(account.lowBalanceThresholdUsd) + " alert threshold.");
        }
        String failing = refreshFailing(account, wallet, now, pollInterval);
        if (failing != null) {
            firing.put(new Key(Alert.Type.REFRESH_FAILING, ""), failing);
        }
        return firing;
    }

    /** Every condition of the line, RENEWAL_DUE included. */
    private Map<Key, String> wanted(Overview line, Instant now, Duration pollInterval) {
        Map<Key, String> wanted = conditions(line, now, pollInterval);
        LocalDate today = Statements.today();
        Key renewal = renewalDue(line, today, config.alerts().renewalNotice());
        if (renewal != null) {
            wanted.put(renewal, renewalMessage(line, today));
        }
        return wanted;
    }

    /**
     * RENEWAL_DUE (DESIGN §14) while the current term has not ended and ends within {@code notice}; its period is the
     * end month, so a contract saved with a later end date resolves it, as does the end of the term.
     */
    static Key renewalDue(Overview line, LocalDate today, Duration notice) {
        if (line.contract() == null) {
            return null;
        }
        LocalDate end = line.contract().terms().endDate();
        long daysLeft = ChronoUnit.DAYS.between(today, end);
        if (daysLeft < 0 || daysLeft > notice.toDays()) {
            return null;
        }
        return new Key(Alert.Type.RENEWAL_DUE, YearMonth.from(end).toString());
    }

    /**
     * The days left and the plan's advice (its default inputs, without the range: the recommendation does not
     * depend on it). Reads the account's usage: only accounts inside the notice period get here.
     */
    static String renewalMessage(Overview line, LocalDate today) {
        LocalDate end = line.contract().terms().endDate();
        long daysLeft = ChronoUnit.DAYS.between(today, end);
        Plan plan = PlanCalculator.compute(line.contract().terms(), UsageEntry.recordsForAccount(line.account().id),
                PlanInputs.defaults(today), line.account().id, false);
        String when = "The contract ends on " + Formats.label(end) + ", "
                + (daysLeft == 0 ? "today." : "in " + daysLeft + (daysLeft == 1 ? " day." : " days."));
        PlanOption best = plan.recommendedOption();
        if (best == null) {
            return when + " No plan yet: " + plan.missing();
        }
        if (!plan.recommendsChange()) {
            return when + " Plan: keep it; it is the cheapest option at " + Formats.usd(best.expectedAnnualUsd())
                    + " a year expected.";
        }
        return when + " Plan: " + best.label() + " at " + Formats.usd(best.expectedAnnualUsd()) + " a year expected, "
                + Formats.usd(best.savingVsCurrentUsd()) + " less than the current contract.";
    }

    /**
     * What should be firing with today's spend (DESIGN §15): the line's conditions, plus today's
     * SPEND_SPIKE when today's spend so far is a spike. A spike that fired today keeps firing until
     * the day is over (a backfill that moves the baseline does not make it fire twice in a day).
     *
     * @param firing the account's firing alerts with their messages
     */
    static Map<Key, String> withSpendSpike(Map<Key, String> conditions, Map<Key, String> firing, DailySpend today) {
        Key key = new Key(Alert.Type.SPEND_SPIKE, today.day().toString());
        if (today.spike()) {
            Map<Key, String> wanted = new LinkedHashMap<>(conditions);
            wanted.put(key, spikeMessage(today));
            return wanted;
        }
        if (firing.containsKey(key)) {
            Map<Key, String> wanted = new LinkedHashMap<>(conditions);
            wanted.put(key, firing.get(key));
            return wanted;
        }
        return conditions;
    }

    /** The day, its spend, the median and the excess in dollars and percent. */
    static String spikeMessage(DailySpend day) {
        BigDecimal pct = day.excessPct();
        return "Spend spike on " + day.day() + ": " + Formats.usd(day.spendUsd()) + " spent so far against a median of "
                + Formats.usd(day.medianUsd()) + " a day (spike above " + Formats.usd(day.thresholdUsd()) + "): "
                + Formats.usd(day.excessUsd()) + (pct == null ? "" : " (" + Formats.pct(pct) + ")") + " above the median.";
    }

    /**
     * Why the wallet counts as failing, or null: the key is rejected, or no good reading for two poll
     * intervals since the later of the latest reading and the account's creation, once it was tried.
     */
    static String refreshFailing(Account account, WalletView wallet, Instant now, Duration pollInterval) {
        if (!wallet.hasKey()) {
            return null;
        }
        String code = account.lastRefreshErrorCode;
        if (wallet.keyUnreadable() || UpstreamFailure.UNAUTHORIZED.equals(code) || UpstreamFailure.FORBIDDEN.equals(code)) {
            return "HeyGen rejects the API key (or it cannot be read): " + Objects.requireNonNullElse(account.lastRefreshError,
                    "enter the key again under Edit account.");
        }
        // Nothing is known to fail before the first attempt: an account whose history was imported, or whose
        // key was just connected, waits for its first read.
        if (account.lastRefreshAt == null) {
            return null;
        }
        Instant limit = now.minus(pollInterval.multipliedBy(2));
        WalletSnapshot latest = wallet.latest();
        Instant since = latest == null || latest.fetchedAt.isBefore(account.createdAt) ? account.createdAt : latest.fetchedAt;
        if (since.isBefore(limit)) {
            return (latest == null ? "No wallet reading since the account was created on " : "No good wallet reading since ")
                    + Formats.label(since) + (account.lastRefreshError == null ? "." : "; last error: " + account.lastRefreshError);
        }
        return null;
    }

    @Scheduled(identity = "alert-check", every = "${portal.alerts.check-interval:5m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled()) {
            checkAll();
        }
    }

    private boolean enabled() {
        if (enabled == null) {
            enabled = config.alerts().checksEnabled();
        }
        return enabled;
    }

    /** Turns the interval and after-change checks on or off at run time (tests). */
    void enable(boolean on) {
        enabled = on;
    }

    /**
     * Evaluates every account from the cached lines and decides afresh, under its lock, each
     * account whose alerts differ; then the cost centres' budget alerts ({@link BudgetAlerts}).
     * Returns the number of transitions made here.
     */
    public int checkAll() {
        Instant now = Instant.now();
        Duration poll = config.wallet().pollInterval();
        LocalDate today = Statements.today();
        SpikeRule rule = WalletDays.rule(config);
        List<Overview> lines = QuarkusTransaction.requiringNew().call(() -> overviews.current().byName());
        Map<Long, Map<Key, String>> stored = QuarkusTransaction.requiringNew().call(AlertChecker::firingByAccount);
        Map<Long, Map<LocalDate, BigDecimal>> days = QuarkusTransaction.requiringNew().call(() ->
                WalletDays.daysOfEveryAccount(today.minusDays(SpikeRule.BASELINE_DAYS), today));
        // RENEWAL_DUE's message reads the account's usage: evaluated where the database can be read.
        Map<Long, Map<Key, String>> wantedByAccount = QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, Map<Key, String>> all = new HashMap<>();
            for (Overview line : lines) {
                all.put(line.account().id, wanted(line, now, poll));
            }
            return all;
        });
        int transitions = 0;
        for (Overview line : lines) {
            Map<Key, String> firing = stored.getOrDefault(line.account().id, Map.of());
            Map<Key, String> wanted = withSpendSpike(wantedByAccount.get(line.account().id), firing,
                    rule.figure(today, days.getOrDefault(line.account().id, Map.of())));
            if (!wanted.equals(firing)) {
                transitions += check(line.account().id);
            }
        }
        return transitions + budgets.checkAll();
    }

    /** Decides one account's alerts now, under its lock. Returns the number of transitions. */
    public int check(long accountId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> decide(accountId));
        } catch (RuntimeException e) {
            Fatal.ifOutOfMemory(e);
            LOG.errorf("Alert check of account %d failed (%s); the next check retries", accountId, e.getClass().getName());
            return 0;
        }
    }

    /** After a change to an account's figures commits, checks its alerts on a background thread (coalesced). */
    void afterChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) DataVersion.AccountChanged changed) {
        if (enabled() && queued.add(changed.accountId())) {
            soon.execute(() -> { // not submit: its future would keep an Error (out of memory) to itself
                queued.remove(changed.accountId());
                check(changed.accountId());
            });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        soon.shutdownNow();
    }

    private int decide(long accountId) {
        List<?> locked = Panache.getEntityManager().createNativeQuery("SELECT id FROM account WHERE id = ?1 FOR UPDATE")
                .setParameter(1, accountId).getResultList();
        if (locked.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        LocalDate today = Statements.today();
        Overview line = Overview.forAccount(accountId, today, config.wallet().pollInterval());
        Map<Key, Alert> rows = new HashMap<>();
        Map<Key, String> firing = new HashMap<>();
        for (Alert alert : Alert.<Alert>list("accountId", accountId)) {
            rows.put(new Key(alert.type, alert.period), alert);
            if (alert.state == Alert.State.FIRING) {
                firing.put(new Key(alert.type, alert.period), alert.message);
            }
        }
        Map<Key, String> wanted = withSpendSpike(wanted(line, now, config.wallet().pollInterval()), firing,
                WalletDays.figures(accountId, today, today, WalletDays.rule(config)).get(0));
        int transitions = 0;
        for (Map.Entry<Key, String> entry : wanted.entrySet()) {
            Alert alert = rows.get(entry.getKey());
            if (alert == null) {
                alert = new Alert();
                alert.accountId = accountId;
                alert.type = entry.getKey().type();
                alert.period = entry.getKey().period();
            } else if (alert.state == Alert.State.FIRING) {
                alert.message = entry.getValue(); // the figures move on while it fires; nothing is sent
                continue;
            }
            alert.state = Alert.State.FIRING;
            alert.message = entry.getValue();
            alert.firedAt = now;
            alert.resolvedAt = null;
            alert.persist();
            deliveries.enqueue(alert, line.account().name, AlertDelivery.FIRED);
            transitions++;
        }
        for (Map.Entry<Key, Alert> entry : rows.entrySet()) {
            Alert alert = entry.getValue();
            if (alert.state == Alert.State.FIRING && !wanted.containsKey(entry.getKey())) {
                alert.state = Alert.State.RESOLVED;
                alert.resolvedAt = now;
                if (alert.type != Alert.Type.SPEND_SPIKE) { // a spike's day is over: nothing to tell
                    deliveries.enqueue(alert, line.account().name, AlertDelivery.RESOLVED);
                }
                transitions++;
            }
        }
        if (transitions > 0) {
            LOG.infof("Account %d: %d alert transition(s)", accountId, transitions);
        }
        return transitions;
    }

    /** The firing alerts of every account with their messages. */
    private static Map<Long, Map<Key, String>> firingByAccount() {
        return Alert.<Alert>list("state = ?1 and accountId is not null", Alert.State.FIRING).stream().collect(Collectors.groupingBy(a -> a.accountId,
                Collectors.toMap(a -> new Key(a.type, a.period), a -> a.message)));
    }
}
