package com.spendportal.demo;

import com.spendportal.accounts.Account;
import com.spendportal.alerts.MailSender;
import com.spendportal.alerts.NotificationChannel;
import com.spendportal.accounts.Accounts;
import com.spendportal.audit.Audit;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.contracts.ContractService;
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
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Demo mode (DESIGN §8): sample accounts of both models, flagged as demo, with contracts, usage
 * history and API keys that only the portal's built-in fake of {@code /v3/users/me} accepts
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
        for (DemoProfile profile : DemoProfile.values()) {
            long id = QuarkusTransaction.requiringNew().call(() -> create(profile, now).id);
            contracts.replace(id, profile.terms(profile.start(now)), LOADED_BY);
            ids.add(id);
        }
        QuarkusTransaction.requiringNew().run(() -> {
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

    /** Reads each demo wallet once from the fake upstream, in the background. */
    public void refreshSoon(List<Long> ids) {
        ids.forEach(wallet::refreshInBackground);
    }

    /** Deletes every demo account with all its data; returns how many. */
    public int remove() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Account> demo = Account.list("demo", true);
            demo.forEach(account -> Accounts.delete(account, audit));
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

    /** The package balance at the start and at the end of each closed month, as an admin would import it. */
    private static void backfillMonthEndBalances(long accountId, DemoProfile profile, List<UsageRecord> usage, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        BigDecimal balance = DemoProfile.PACKAGE_USD;
        List<WalletSnapshot.Imported> balances = new ArrayList<>();
        balances.add(new WalletSnapshot.Imported(profile.start(now).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), balance));
        for (UsageRecord record : usage) {
            if (!record.month().isBefore(current)) {
                break;
            }
            balance = balance.subtract(record.usd());
            Instant monthEnd = record.month().atEndOfMonth().atTime(23, 0).toInstant(ZoneOffset.UTC);
            balances.add(new WalletSnapshot.Imported(monthEnd, balance));
        }
        WalletSnapshot.storeImported(accountId, balances);
    }
}
