package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds wallet readings, oldest first, into {@link WalletMonth} figures (DESIGN §5). A reading
 * counts for the drawdown and top-ups only when it is a wallet (or an imported balance) in usd
 * with a balance; the others are counted as readings and skipped, and the pair is taken across them.
 *
 * <p>The fold can start in the middle of the history: given the last usd balance before its first
 * reading, it yields exactly the months it saw as a fold over the whole history would. That is how
 * the stored per-month figures are brought up to date from the first month a change touches.
 */
public final class WalletMonths {

    private final Map<YearMonth, WalletMonth> months = new TreeMap<>();
    private BigDecimal previousBalance;

    /** @param previousBalance the last usd balance before the first reading to come; null if none */
    public WalletMonths(BigDecimal previousBalance) {
        this.previousBalance = previousBalance;
    }

    /** Whether a reading takes part in the wallet drawdown and top-ups. */
    public static boolean countsInUsd(String billingType, String currency, BigDecimal balance) {
        return balance != null && "usd".equalsIgnoreCase(currency)
                && (billingType == null || "wallet".equals(billingType));
    }

    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /** Adds the next reading; readings must come in the order (fetchedAt, then storage order). */
    public WalletMonths add(Instant fetchedAt, String billingType, String currency, BigDecimal balance) {
        YearMonth month = monthOf(fetchedAt);
        WalletMonth m = months.getOrDefault(month, WalletMonth.empty(month));
        int readings = m.readings() + 1;
        if (!countsInUsd(billingType, currency, balance)) {
            months.put(month, new WalletMonth(month, readings, m.balancePairs(), m.drawdownUsd(), m.topUpsUsd(),
                    m.lastBalanceUsd()));
            return this;
        }
        int pairs = m.balancePairs();
        BigDecimal drawdown = m.drawdownUsd();
        BigDecimal topUps = m.topUpsUsd();
        if (previousBalance != null) {
            BigDecimal change = balance.subtract(previousBalance);
            pairs++;
            if (change.signum() < 0) {
                drawdown = drawdown.subtract(change);
            } else {
                topUps = topUps.add(change);
            }
        }
        previousBalance = balance;
        months.put(month, new WalletMonth(month, readings, pairs, drawdown, topUps, balance));
        return this;
    }

    /** The months seen so far, oldest first. */
    public List<WalletMonth> months() {
        return List.copyOf(months.values());
    }

    /** The figures of a whole history given as balances in any order (ties keep their list order). */
    public static Map<YearMonth, WalletMonth> of(List<BalanceSnapshot> snapshots) {
        WalletMonths fold = new WalletMonths(null);
        snapshots.stream()
                .filter(s -> s.fetchedAt() != null)
                .sorted(Comparator.comparing(BalanceSnapshot::fetchedAt))
                .forEach(s -> fold.add(s.fetchedAt(), null, s.currency(), s.remainingBalance()));
        return byMonth(fold.months());
    }

    public static Map<YearMonth, WalletMonth> byMonth(List<WalletMonth> months) {
        Map<YearMonth, WalletMonth> map = new TreeMap<>();
        for (WalletMonth m : months) {
            map.put(m.month(), m);
        }
        return map;
    }
}
