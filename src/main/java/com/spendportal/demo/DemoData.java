package com.spendportal.demo;

import com.spendportal.accounts.Account;
import com.spendportal.alerts.MailSender;
import com.spendportal.alerts.NotificationChannel;
import com.spendportal.accounts.Accounts;
import com.spendportal.audit.Audit;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.jobs.JobSyncService;
import com.spendportal.contracts.ContractService;
import com.spendportal.costcentres.CostCentre;
import com.spendportal.statements.UsageRecord;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.WalletService;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.DataVersion;
import com.spendportal.web.PortalConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Demo mode (DESIGN §8): sample accounts of both models, flagged as demo, with contracts, usage
 * history, two cost centres over their folders ({@link DemoCentres}) and API keys that only the portal's built-in fake of {@code /v3/users/me} accepts
 * ({@link DemoUpstream}); they never reach HeyGen and go away in one click.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String LOADED_BY = "demo";

    /** The e-mail channel demo mode adds when there is none (a reserved domain: nothing is ever sent there). */
    static final String DEMO_ADDRESS = "alerts@demo.invalid";

    @Inject
    ApiKeyCipher cipher;

    @Inject
    JobSyncService jobs;

    @Inject
    MailSender mails;

    @Inject
    ContractService contracts;

    @Inject
    WalletService wallet;

    @Inject
    PortalConfig config;

    @Inject
    Audit audit;

    private final SecureRandom random = new SecureRandom();

    /** Creates the demo accounts unless some exist; returns their ids (empty when nothing was loaded). */
    public synchronized List<Long> load() {
        if (QuarkusTransaction.requiringNew().call(() -> Account.count("demo", true)) > 0) {
            return List.of();
        }
        Instant now = Instant.now();
        List<Long> ids = new ArrayList<>();
        Map<DemoProfile, Long> byProfile = new EnumMap<>(DemoProfile.class);
        for (DemoProfile profile : DemoProfile.values()) {
            long id = QuarkusTransaction.requiringNew().call(() -> create(profile, now).id);
            contracts.replace(id, profile.terms(profile.start(now)), LOADED_BY);
            ids.add(id);
            byProfile.put(profile, id);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            DemoCentres.create(byProfile, audit);
            if (!mails.sendsForReal() && NotificationChannel.count() == 0) {
                // So the demo shows deliveries too: without an SMTP server they are written to the log.
                NotificationChannel channel = new NotificationChannel();
                channel.kind = NotificationChannel.Kind.EMAIL;
                channel.target = DEMO_ADDRESS;
                channel.createdAt = now;
                channel.createdBy = LOADED_BY;
                channel.persist();
            }
            audit.record("demo.load", null, Audit.detail().put("accounts", ids.size()));
        });
        LOG.infof("Loaded %d demo accounts", ids.size());
        return ids;
    }

    /** Reads each demo wallet and job list once from the fake upstream, in the background. */
    public void refreshSoon(List<Long> ids) {
        ids.forEach(wallet::refreshInBackground);
        ids.forEach(jobs::syncInBackground);
    }

    /** Deletes every demo account with all its data; returns how many. */
    public int remove() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Account> demo = Account.list("demo", true);
            List<CostCentre> centres = DemoCentres.find();
            Accounts.deleteAll(demo, audit);
            DemoCentres.removeEmptied(centres, audit);
            NotificationChannel.delete("target = ?1 and createdBy = ?2", DEMO_ADDRESS, LOADED_BY);
            if (!demo.isEmpty()) {
                audit.record("demo.remove", null, Audit.detail().put("accounts", demo.size()));
            }
            return demo.size();
        });
    }

    /** {@code portal.demo=true}: load at start when no demo accounts exist. */
    void onStart(@Observes StartupEvent event) {
        if (config.demo()) {
            load();
        }
    }

    /** The fake upstream is served over HTTP, so the first readings wait until the server listens. */
    void onHttpStarted(@ObservesAsync HttpServerStart event) {
        if (config.demo()) {
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> Account.<Account>list("demo", true).stream()
                    .filter(a -> a.lastRefreshAt == null).map(a -> a.id).toList());
            refreshSoon(ids);
        }
    }

    private Account create(DemoProfile profile, Instant now) {
        Account account = new Account();
        account.name = Account.findByName(profile.accountName).isPresent() ? profile.accountName + " (demo)" : profile.accountName;
        account.createdAt = now;
        account.demo = true;
        byte[] secret = new byte[12];
        random.nextBytes(secret);
        account.setApiKey("demo_" + profile.keyTag + "_" + HexFormat.of().formatHex(secret), cipher);
        if (!profile.usageBased()) {
            account.lowBalanceThresholdUsd = new BigDecimal("20000.00");
        }
        account.persist();
        DataVersion.bump();
        List<UsageRecord> usage = profile.usage(now);
        UsageEntry.replace(account.id, usage);
        if (!profile.usageBased()) {
            backfillMonthEndBalances(account.id, profile, usage, now);
        }
        return account;
    }

    /**
     * The package balance as an admin would import it: at the start and at the end of each closed
     * month, and hourly over the {@value #HOURLY_DAYS} days before the load, so that the daily spend
     * chart has a history, with one runaway day ({@value #SPIKE_DAYS_AGO} days ago) to show a spike.
     * Each stretch between two of those anchors draws down the same as before, shared out by hour.
     */
    private static void backfillMonthEndBalances(long accountId, DemoProfile profile, List<UsageRecord> usage, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        BigDecimal balance = DemoProfile.PACKAGE_USD;
        List<WalletSnapshot.Imported> anchors = new ArrayList<>();
        anchors.add(new WalletSnapshot.Imported(profile.start(now).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), balance));
        for (UsageRecord record : usage) {
            if (!record.month().isBefore(current)) {
                break;
            }
            balance = balance.subtract(record.usd());
            Instant monthEnd = record.month().atEndOfMonth().atTime(23, 0).toInstant(ZoneOffset.UTC);
            anchors.add(new WalletSnapshot.Imported(monthEnd, balance));
        }
        anchors.add(new WalletSnapshot.Imported(now, profile.balance(now, now)));
        List<WalletSnapshot.Imported> balances = new ArrayList<>();
        Instant hourlyFrom = now.minus(Duration.ofDays(HOURLY_DAYS)).truncatedTo(ChronoUnit.HOURS);
        LocalDate spikeDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(SPIKE_DAYS_AGO);
        for (int i = 0; i < anchors.size(); i++) {
            balances.add(anchors.get(i));
            if (i + 1 < anchors.size()) {
                balances.addAll(hourly(anchors.get(i), anchors.get(i + 1), hourlyFrom, spikeDay));
            }
        }
        WalletSnapshot.storeImported(accountId, balances);
    }

    static final int HOURLY_DAYS = 60;
    static final int SPIKE_DAYS_AGO = 5;

    /** Hourly balances strictly between two anchors (from {@code hourlyFrom} on), drawing down by a weight per day. */
    private static List<WalletSnapshot.Imported> hourly(WalletSnapshot.Imported start, WalletSnapshot.Imported end,
            Instant hourlyFrom, LocalDate spikeDay) {
        List<Instant> hours = new ArrayList<>();
        for (Instant t = start.fetchedAt().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); t.isBefore(end.fetchedAt());
                t = t.plus(Duration.ofHours(1))) {
            if (!t.isBefore(hourlyFrom)) {
                hours.add(t);
            }
        }
        if (hours.isEmpty()) {
            return List.of();
        }
        // The weight of an hour is its day's: 0.8 to 1.2 of the usual, five times that on the runaway day.
        List<BigDecimal> cumulative = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Instant t : hours) {
            total = total.add(weight(LocalDate.ofInstant(t, ZoneOffset.UTC), spikeDay));
            cumulative.add(total);
        }
        total = total.add(weight(LocalDate.ofInstant(end.fetchedAt(), ZoneOffset.UTC), spikeDay));
        BigDecimal drawdown = start.remainingBalance().subtract(end.remainingBalance());
        List<WalletSnapshot.Imported> balances = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            BigDecimal used = drawdown.multiply(cumulative.get(i)).divide(total, 2, RoundingMode.HALF_UP);
            balances.add(new WalletSnapshot.Imported(hours.get(i), start.remainingBalance().subtract(used)));
        }
        return balances;
    }

    private static BigDecimal weight(LocalDate day, LocalDate spikeDay) {
        BigDecimal usual = new BigDecimal("0.8").add(BigDecimal.valueOf(Math.floorMod(day.toEpochDay() * 7919, 41), 2));
        return day.equals(spikeDay) ? usual.multiply(BigDecimal.valueOf(5)) : usual;
    }
}
