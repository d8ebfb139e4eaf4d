package com.spendportal.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.accounts.AccountInput;
import com.spendportal.accounts.Accounts;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.audit.Audit;
import com.spendportal.contracts.ContractService;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.UsageRecord;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.DataVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * A page's database work does not grow with the number of accounts or readings (DESIGN §10): the
 * statements each page sends, counted with Hibernate's statistics, are the same on 10 and on 200
 * more accounts, and on 10 and on 5,000 readings.
 */
@QuarkusTest
class QueryCountTest {

    private static final LocalDate START = LocalDate.now().withDayOfMonth(1).minusMonths(10);

    @Inject
    SessionFactory sessionFactory;

    @Inject
    ApiKeyCipher cipher;

    @Inject
    Audit audit;

    @Inject
    ContractService contracts;

    private Statistics statistics() {
        Statistics statistics = sessionFactory.getStatistics();
        assertTrue(statistics.isStatisticsEnabled(), "Hibernate statistics must be on in tests");
        return statistics;
    }

    /** Statements sent to the database while serving one GET. */
    private long statementsFor(Browser browser, String path) {
        Statistics statistics = statistics();
        statistics.clear();
        int status = browser.get(path).then().extract().statusCode();
        assertEquals(200, status, path);
        return statistics.getPrepareStatementCount();
    }

    /** The same, first with every computed figure renewed (as after any change), then as a repeat view. */
    private long[] coldAndWarm(Browser browser, String path) {
        QuarkusTransaction.requiringNew().run(DataVersion::bump);
        return new long[] {statementsFor(browser, path), statementsFor(browser, path)};
    }

    @Test
    void dashboardAndExportCostTheSameOn10And200MoreAccounts() {
        Browser browser = Browser.admin();
        addAccounts("Ten", 10);
        long[] dashboard10 = coldAndWarm(browser, "/");
        long[] csv10 = coldAndWarm(browser, "/accounts.csv");
        long[] sorted10 = coldAndWarm(browser, "/?sort=name&page=2");

        addAccounts("Two hundred", 200);
        long[] dashboard200 = coldAndWarm(browser, "/");
        long[] csv200 = coldAndWarm(browser, "/accounts.csv");
        long[] sorted200 = coldAndWarm(browser, "/?sort=name&page=2");

        System.out.printf("statements per view (fresh/repeat): dashboard %d/%d, accounts.csv %d/%d%n",
                dashboard200[0], dashboard200[1], csv200[0], csv200[1]);
        assertEquals(dashboard10[0], dashboard200[0], "dashboard, computed afresh");
        assertEquals(dashboard10[1], dashboard200[1], "dashboard, repeat view");
        assertEquals(csv10[0], csv200[0], "accounts.csv, computed afresh");
        assertEquals(csv10[1], csv200[1], "accounts.csv, repeat view");
        assertEquals(sorted10[1], sorted200[1], "dashboard by name, page 2");
        assertTrue(dashboard200[0] <= 10, "a fresh dashboard takes a handful of statements, took " + dashboard200[0]);
        assertTrue(dashboard200[1] < dashboard200[0], "a repeat view reuses the computed figures");
    }

    @Test
    void accountPagesCostTheSameOn10And5000Readings() {
        Browser browser = Browser.admin();
        long id = addAccounts("Readings", 1).get(0);
        backfill(id, 10, Instant.now().minusSeconds(10 * 900));
        String[] paths = {"/accounts/" + id, "/accounts/" + id + "/statement.csv", "/"};
        long[] at10 = new long[paths.length];
        for (int i = 0; i < paths.length; i++) {
            at10[i] = coldAndWarm(browser, paths[i])[0];
        }
        backfill(id, 4_990, Instant.now().minusSeconds(5_000L * 900));
        for (int i = 0; i < paths.length; i++) {
            long at5000 = coldAndWarm(browser, paths[i])[0];
            System.out.printf("statements for %s: %d on 10 readings, %d on 5,000%n", paths[i], at10[i], at5000);
            assertEquals(at10[i], at5000, paths[i]);
        }
        assertEquals(0, coldAndWarm(browser, paths[0])[1],
                "a repeat view of an unchanged account page loads nothing through Hibernate (one JDBC row: its version)");
        assertEquals(3 + 10 + 4_990, QuarkusTransaction.requiringNew().call(() -> WalletSnapshot.count("accountId", id)));
    }

    /** Accounts with 11 months of usage, every third a dollar package with a few readings. */
    private List<Long> addAccounts(String prefix, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean pkg = i % 3 == 0;
            long id = QuarkusTransaction.requiringNew().call(() ->
                    Accounts.create(new AccountInput(Api.uniqueName(prefix), null), cipher, audit).id);
            contracts.replace(id, pkg
                    ? ContractTerms.dollarPackage(START, 12, new BigDecimal("120000.00"), new BigDecimal("0.0075"))
                    : ContractTerms.usageBased(START, 12, new BigDecimal("5000.00"), new BigDecimal("0.00750"),
                            new BigDecimal("600000"), null, new BigDecimal("0.00833")), "test");
            List<UsageRecord> usage = new ArrayList<>();
            for (int m = 0; m < 11; m++) {
                usage.add(UsageRecord.ofSeconds(YearMonth.from(START).plusMonths(m), "", BigDecimal.valueOf(550_000 + 1_000L * i)));
            }
            QuarkusTransaction.requiringNew().run(() -> UsageEntry.replace(id, usage));
            if (pkg) {
                backfill(id, 3, Instant.now().minusSeconds(3 * 86_400));
            }
            ids.add(id);
        }
        return ids;
    }

    private static void backfill(long id, int readings, Instant from) {
        List<WalletSnapshot.Imported> list = new ArrayList<>();
        BigDecimal balance = new BigDecimal("120000.00");
        for (int i = 0; i < readings; i++) {
            list.add(new WalletSnapshot.Imported(from.plusSeconds(900L * i), balance));
            balance = balance.subtract(new BigDecimal("1.25"));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            WalletSnapshot.storeImported(id, list);
            DataVersion.bump(id);
        });
    }
}
