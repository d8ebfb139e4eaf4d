package com.spendportal.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.spendportal.accounts.Account;
import com.spendportal.statements.BalanceSnapshot;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.StatementCalculator;
import com.spendportal.statements.WalletMonth;
import com.spendportal.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The stored per-month wallet figures equal the §5 rules applied to every stored reading, on random
 * histories: readings out of order, null balances, credits, usage-based and subscription keys,
 * top-ups, and backfills that replace part of the history. The reference below folds the whole
 * history again from scratch, independently of the incremental code under test.
 */
@QuarkusTest
class WalletMonthsRandomTest {

    private static final Instant ORIGIN = Instant.parse("2025-11-20T00:00:00Z");
    private static final long SPAN_SECONDS = 150L * 24 * 3600;

    @Test
    void storedMonthsEqualAFoldOfEveryReading() {
        for (long seed = 1; seed <= 25; seed++) {
            checkHistory(seed);
        }
    }

    private void checkHistory(long seed) {
        Random random = new Random(seed);
        long id = Api.createAccount(Api.uniqueName("Random history " + seed), null);
        List<Instant> importedAt = new ArrayList<>();
        BigDecimal balance = new BigDecimal("50000.00");
        int operations = 20 + random.nextInt(40);
        for (int op = 0; op < operations; op++) {
            if (random.nextInt(4) == 0) {
                List<WalletSnapshot.Imported> list = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(15); i < n; i++) {
                    Instant at = !importedAt.isEmpty() && random.nextInt(3) == 0
                            ? importedAt.get(random.nextInt(importedAt.size())) // replaces an earlier import
                            : randomInstant(random);
                    importedAt.add(at);
                    balance = step(random, balance);
                    list.add(new WalletSnapshot.Imported(at, balance));
                }
                QuarkusTransaction.requiringNew().run(() -> WalletSnapshot.storeImported(id, list));
            } else {
                balance = step(random, balance);
                WalletSnapshot reading = randomReading(random, id, balance);
                QuarkusTransaction.requiringNew().run(() -> WalletSnapshot.storeFetched(reading));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> compare(seed, id));
    }

    private static void compare(long seed, long id) {
        List<WalletSnapshot> all = WalletSnapshot.list("accountId = ?1 order by fetchedAt, id", id);
        Map<YearMonth, WalletMonth> expected = reference(all);
        Map<YearMonth, WalletMonth> stored = WalletHistory.months(id);
        assertEquals(expected.keySet(), stored.keySet(), "seed " + seed + ": months");
        for (YearMonth month : expected.keySet()) {
            WalletMonth e = expected.get(month);
            WalletMonth s = stored.get(month);
            String where = "seed " + seed + ", " + month;
            assertEquals(e.readings(), s.readings(), where + ": readings");
            assertEquals(e.balancePairs(), s.balancePairs(), where + ": balance pairs");
            assertEquals(0, e.drawdownUsd().compareTo(s.drawdownUsd()), where + ": drawdown " + e.drawdownUsd() + " vs " + s.drawdownUsd());
            assertEquals(0, e.topUpsUsd().compareTo(s.topUpsUsd()), where + ": top-ups " + e.topUpsUsd() + " vs " + s.topUpsUsd());
            assertEquals(e.lastBalanceUsd() == null ? null : e.lastBalanceUsd().stripTrailingZeros(),
                    s.lastBalanceUsd() == null ? null : s.lastBalanceUsd().stripTrailingZeros(), where + ": last balance");
        }
        Account account = Account.findById(id);
        assertEquals(all.get(all.size() - 1).id, account.latestSnapshotId, "seed " + seed + ": latest reading");

        // The statement from the stored months is the statement from every reading.
        ContractTerms terms = ContractTerms.dollarPackage(LocalDate.of(2025, 11, 10), 7, new BigDecimal("60000.00"), null);
        List<BalanceSnapshot> balances = all.stream()
                .filter(r -> r.billingType == null || "wallet".equals(r.billingType))
                .map(r -> new BalanceSnapshot(r.fetchedAt, r.currency, r.remainingBalance)).toList();
        LocalDate asOf = LocalDate.of(2026, 3, 15);
        assertEquals(StatementCalculator.compute(terms, List.of(), balances, asOf),
                StatementCalculator.compute(terms, List.of(), stored, asOf), "seed " + seed + ": statement");
    }

    /** §5 from scratch: usd wallet balances in order, each change booked to the month of the later reading. */
    private static Map<YearMonth, WalletMonth> reference(List<WalletSnapshot> readings) {
        Map<YearMonth, Integer> count = new TreeMap<>();
        Map<YearMonth, Integer> pairs = new TreeMap<>();
        Map<YearMonth, BigDecimal> down = new TreeMap<>();
        Map<YearMonth, BigDecimal> up = new TreeMap<>();
        Map<YearMonth, BigDecimal> last = new TreeMap<>();
        BigDecimal previous = null;
        for (WalletSnapshot r : readings) {
            YearMonth month = YearMonth.from(r.fetchedAt.atOffset(ZoneOffset.UTC));
            count.merge(month, 1, Integer::sum);
            boolean usd = r.remainingBalance != null && "usd".equals(r.currency)
                    && (r.billingType == null || r.billingType.equals("wallet"));
            if (!usd) {
                continue;
            }
            if (previous != null) {
                BigDecimal change = r.remainingBalance.subtract(previous);
                pairs.merge(month, 1, Integer::sum);
                down.merge(month, change.signum() < 0 ? change.negate() : BigDecimal.ZERO, BigDecimal::add);
                up.merge(month, change.signum() > 0 ? change : BigDecimal.ZERO, BigDecimal::add);
            }
            previous = r.remainingBalance;
            last.put(month, r.remainingBalance);
        }
        Map<YearMonth, WalletMonth> months = new TreeMap<>();
        for (YearMonth month : new TreeSet<>(count.keySet())) {
            months.put(month, new WalletMonth(month, count.get(month), pairs.getOrDefault(month, 0),
                    down.getOrDefault(month, BigDecimal.ZERO), up.getOrDefault(month, BigDecimal.ZERO), last.get(month)));
        }
        return months;
    }

    private static Instant randomInstant(Random random) {
        // whole minutes, so that two readings sometimes share an instant
        return ORIGIN.plusSeconds(60L * random.nextInt((int) (SPAN_SECONDS / 60)));
    }

    private static BigDecimal step(Random random, BigDecimal balance) {
        return random.nextInt(8) == 0
                ? balance.add(BigDecimal.valueOf(random.nextInt(500_000), 2)) // a top-up
                : balance.subtract(BigDecimal.valueOf(random.nextInt(20_000), 2));
    }

    private static WalletSnapshot randomReading(Random random, long id, BigDecimal balance) {
        WalletSnapshot s = new WalletSnapshot();
        s.accountId = id;
        s.fetchedAt = random.nextInt(5) == 0 ? randomInstant(random)
                : Instant.now().minusSeconds(random.nextInt(3600)); // mostly "now", as the poller stores them
        s.source = WalletSnapshot.Source.FETCHED;
        switch (random.nextInt(10)) {
            case 0 -> { s.billingType = "wallet"; s.currency = "usd"; s.remainingBalance = null; }
            case 1 -> { s.billingType = "wallet"; s.currency = "credits"; s.remainingBalance = new BigDecimal("1200.00"); }
            case 2 -> { s.billingType = "usage_based"; s.spendingCurrentUsd = new BigDecimal("10.00"); }
            case 3 -> s.billingType = "subscription";
            default -> { s.billingType = "wallet"; s.currency = "usd"; s.remainingBalance = balance; }
        }
        return s;
    }
}
