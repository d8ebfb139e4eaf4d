package com.spendportal.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The stored daily spend equals the §15 rules applied to every stored reading, on random histories:
 * readings stored out of order, backfills that replace part of a day, top-ups, gaps longer than
 * {@code portal.anomaly.max-gap}, usage-based resets, and readings that take no part (credits, no
 * balance, subscription). The reference below works day by day over all pairs of readings, not as
 * a fold, independently of the incremental code under test.
 */
@QuarkusTest
class WalletDaysRandomTest {

    private static final Instant ORIGIN = Instant.parse("2026-02-03T00:00:00Z");
    private static final int SPAN_MINUTES = 4 * 24 * 60;
    private static final Duration MAX_GAP = Duration.ofHours(6);

    @Test
    void storedDaysEqualTheRulesOverEveryReading() {
        int knownDays = 0;
        for (long seed = 1; seed <= 8; seed++) {
            knownDays += checkHistory(seed);
        }
        assertTrue(knownDays > 20, "the histories have known days to compare: " + knownDays);
    }

    private int checkHistory(long seed) {
        Random random = new Random(seed);
        long id = Api.createAccount(Api.uniqueName("Random days " + seed), null);
        List<Instant> importedAt = new ArrayList<>();
        BigDecimal balance = new BigDecimal("50000.00");
        BigDecimal spending = BigDecimal.ZERO;
        // Mostly a usd wallet; every third history mostly a usage-based one.
        boolean usageBased = seed % 3 == 0;
        int operations = 20 + random.nextInt(20);
        for (int op = 0; op < operations; op++) {
            if (random.nextInt(3) == 0) {
                List<WalletSnapshot.Imported> list = new ArrayList<>();
                // a run of readings 5 to 60 minutes apart from a random start, some replacing earlier imports
                Instant at = randomInstant(random);
                for (int i = 0, n = 1 + random.nextInt(usageBased ? 10 : 80); i < n; i++) {
                    Instant when = !importedAt.isEmpty() && random.nextInt(6) == 0
                            ? importedAt.get(random.nextInt(importedAt.size())) : at;
                    importedAt.add(when);
                    balance = step(random, balance);
                    list.add(new WalletSnapshot.Imported(when, balance));
                    at = at.plus(Duration.ofMinutes(5 + random.nextInt(56)));
                }
                QuarkusTransaction.requiringNew().run(() -> WalletSnapshot.storeImported(id, list));
            } else {
                Instant at = randomInstant(random);
                for (int i = 0, n = 1 + random.nextInt(usageBased ? 40 : 8); i < n; i++) {
                    balance = step(random, balance);
                    spending = random.nextInt(10) == 0 ? BigDecimal.valueOf(random.nextInt(5000), 2) // a new period
                            : spending.add(BigDecimal.valueOf(random.nextInt(3000), 2));
                    WalletSnapshot reading = randomReading(random, id, at, balance, spending, usageBased);
                    QuarkusTransaction.requiringNew().run(() -> WalletSnapshot.storeFetched(reading));
                    at = at.plus(Duration.ofMinutes(10 + random.nextInt(random.nextInt(8) == 0 ? 600 : 120)));
                }
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> compare(seed, id));
    }

    private static int compare(long seed, long id) {
        List<WalletSnapshot> all = WalletSnapshot.list("accountId = ?1 order by fetchedAt, id", id);
        Map<LocalDate, BigDecimal> expected = reference(all);
        Map<LocalDate, BigDecimal> stored = WalletDays.days(id, LocalDate.of(2000, 1, 1), LocalDate.of(2999, 1, 1));
        assertEquals(expected.keySet(), stored.keySet(), "seed " + seed + ": known days");
        for (LocalDate day : expected.keySet()) {
            assertEquals(0, expected.get(day).compareTo(stored.get(day)),
                    "seed " + seed + ", " + day + ": " + expected.get(day) + " vs " + stored.get(day));
        }
        return expected.size();
    }

    /** A pair of consecutive readings of one series and the spend it stands for. */
    private record Pair(Instant from, Instant to, BigDecimal spend) {
    }

    /** §15 from scratch: list every pair, then decide each day from the pairs that end in or overlap it. */
    private static Map<LocalDate, BigDecimal> reference(List<WalletSnapshot> readings) {
        List<Pair> pairs = new ArrayList<>();
        WalletSnapshot previousUsd = null;
        WalletSnapshot previousUsage = null;
        for (WalletSnapshot r : readings) {
            if (r.remainingBalance != null && "usd".equals(r.currency) && (r.billingType == null || "wallet".equals(r.billingType))) {
                if (previousUsd != null) {
                    BigDecimal down = previousUsd.remainingBalance.subtract(r.remainingBalance);
                    pairs.add(new Pair(previousUsd.fetchedAt, r.fetchedAt, down.signum() > 0 ? down : BigDecimal.ZERO));
                }
                previousUsd = r;
            } else if ("usage_based".equals(r.billingType) && r.spendingCurrentUsd != null) {
                if (previousUsage != null) {
                    BigDecimal up = r.spendingCurrentUsd.subtract(previousUsage.spendingCurrentUsd);
                    pairs.add(new Pair(previousUsage.fetchedAt, r.fetchedAt, up.signum() >= 0 ? up : r.spendingCurrentUsd));
                }
                previousUsage = r;
            }
        }
        Map<LocalDate, BigDecimal> days = new TreeMap<>();
        if (pairs.isEmpty()) {
            return days;
        }
        LocalDate first = day(readings.get(0).fetchedAt);
        LocalDate last = day(readings.get(readings.size() - 1).fetchedAt);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant dayStart = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant dayEnd = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            boolean ends = false;
            boolean gap = false;
            BigDecimal spend = BigDecimal.ZERO;
            for (Pair p : pairs) {
                boolean long_ = Duration.between(p.from(), p.to()).compareTo(MAX_GAP) > 0;
                // a pair overlaps the day when it starts before the day ends and ends at or after it starts
                if (long_ && p.from().isBefore(dayEnd) && !p.to().isBefore(dayStart)) {
                    gap = true;
                } else if (!long_ && !p.to().isBefore(dayStart) && p.to().isBefore(dayEnd)) {
                    ends = true;
                    spend = spend.add(p.spend());
                }
            }
            if (ends && !gap) {
                days.put(d, spend);
            }
        }
        return days;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant randomInstant(Random random) {
        // whole minutes, so that two readings sometimes share an instant
        return ORIGIN.plusSeconds(60L * random.nextInt(SPAN_MINUTES));
    }

    private static BigDecimal step(Random random, BigDecimal balance) {
        return random.nextInt(10) == 0
                ? balance.add(BigDecimal.valueOf(random.nextInt(500_000), 2)) // a top-up
                : balance.subtract(BigDecimal.valueOf(random.nextInt(20_000), 2));
    }

    private static WalletSnapshot randomReading(Random random, long id, Instant at, BigDecimal balance, BigDecimal spending,
            boolean usageBased) {
        WalletSnapshot s = new WalletSnapshot();
        s.accountId = id;
        s.fetchedAt = at;
        s.source = WalletSnapshot.Source.FETCHED;
        switch (usageBased ? (random.nextInt(8) == 0 ? 1 : 2) : random.nextInt(30)) {
            case 0 -> { s.billingType = "wallet"; s.currency = "usd"; s.remainingBalance = null; }
            case 1 -> { s.billingType = "wallet"; s.currency = "credits"; s.remainingBalance = new BigDecimal("1200.00"); }
            case 2, 3 -> { s.billingType = "usage_based"; s.spendingCurrentUsd = spending; }
            case 5 -> s.billingType = "subscription";
            default -> { s.billingType = "wallet"; s.currency = "usd"; s.remainingBalance = balance; }
        }
        return s;
    }
}
