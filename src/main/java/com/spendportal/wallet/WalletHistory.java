package com.spendportal.wallet;

import com.spendportal.statements.WalletMonth;
import com.spendportal.statements.WalletMonths;
import com.spendportal.web.PortalConfig;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Keeps each account's per-month wallet figures ({@code wallet_month}) and its latest reading
 * ({@code account.latest_snapshot_id}) current as readings are stored, so that pages read a dozen
 * rows a year instead of 35,040 readings (DESIGN §10).
 *
 * <p>After readings of an account change, its months are folded again from the month of the
 * earliest changed reading onward, starting from the last usd balance stored before that month.
 * The poller's readings arrive in order, so that is the current month only; a backfill that
 * replaces part of the history refolds from its first month. Writers of one account are serialized
 * by a lock on its row, taken before the readings are written.
 */
public final class WalletHistory {

    private WalletHistory() {
    }

    /** Locks the account's row until the transaction ends; false when there is no such account. */
    public static boolean lock(long accountId) {
        return em().createNativeQuery("UPDATE account SET latest_snapshot_id = latest_snapshot_id WHERE id = ?1")
                .setParameter(1, accountId).executeUpdate() == 1;
    }

    /**
     * Refolds the account's months from the month of {@code earliestChanged} and points the account
     * at its latest reading. Call in the transaction that changed the readings, after {@link #lock}.
     */
    public static void readingsChanged(long accountId, Instant earliestChanged) {
        EntityManager em = em();
        em.flush();
        YearMonth from = WalletMonths.monthOf(earliestChanged);
        List<?> before = em.createNativeQuery("SELECT last_balance_usd FROM wallet_month WHERE account_id = ?1"
                + " AND wallet_month < ?2 AND last_balance_usd IS NOT NULL ORDER BY wallet_month DESC")
                .setParameter(1, accountId).setParameter(2, from.toString()).setMaxResults(1).getResultList();
        WalletMonths fold = new WalletMonths(before.isEmpty() ? null : (BigDecimal) before.get(0));
        em.createNativeQuery("DELETE FROM wallet_month WHERE account_id = ?1 AND wallet_month >= ?2")
                .setParameter(1, accountId).setParameter(2, from.toString()).executeUpdate();
        Instant start = from.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try (Stream<Object[]> readings = em.createQuery("select s.fetchedAt, s.billingType, s.currency,"
                + " s.remainingBalance from WalletSnapshot s where s.accountId = ?1 and s.fetchedAt >= ?2"
                + " order by s.fetchedAt, s.id", Object[].class)
                .setParameter(1, accountId).setParameter(2, start)
                .setHint("org.hibernate.fetchSize", 1000).getResultStream()) {
            readings.forEach(r -> fold.add((Instant) r[0], (String) r[1], (String) r[2], (BigDecimal) r[3]));
        }
        for (WalletMonth m : fold.months()) {
            em.createNativeQuery("INSERT INTO wallet_month (account_id, wallet_month, readings, balance_pairs,"
                    + " drawdown_usd, top_ups_usd, last_balance_usd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, accountId).setParameter(2, m.month().toString()).setParameter(3, m.readings())
                    .setParameter(4, m.balancePairs()).setParameter(5, m.drawdownUsd()).setParameter(6, m.topUpsUsd())
                    .unwrap(NativeQuery.class).setParameter(7, m.lastBalanceUsd(), StandardBasicTypes.BIG_DECIMAL)
                    .executeUpdate();
        }
        WalletDays.readingsChanged(accountId, earliestChanged, maxGap());
        List<Long> latest = em.createQuery("select s.id from WalletSnapshot s where s.accountId = ?1"
                + " order by s.fetchedAt desc, s.id desc", Long.class)
                .setParameter(1, accountId).setMaxResults(1).getResultList();
        em.createNativeQuery("UPDATE account SET latest_snapshot_id = ?1 WHERE id = ?2")
                .unwrap(NativeQuery.class).setParameter(1, latest.isEmpty() ? null : latest.get(0), StandardBasicTypes.LONG)
                .setParameter(2, accountId).executeUpdate();
    }

    private static Duration maxGap() {
        return Arc.container().select(PortalConfig.class).get().anomaly().maxGap();
    }

    /** The account's per-month wallet figures. */
    public static Map<YearMonth, WalletMonth> months(long accountId) {
        List<WalletMonth> months = new ArrayList<>();
        for (Object[] r : rows("WHERE account_id = ?1", accountId)) {
            months.add(month(r));
        }
        return WalletMonths.byMonth(months);
    }

    /** The per-month wallet figures of every dollar-package account, by account id, in one query. */
    public static Map<Long, Map<YearMonth, WalletMonth>> monthsOfPackages() {
        Map<Long, List<WalletMonth>> byAccount = new HashMap<>();
        for (Object[] r : rows("WHERE account_id IN (SELECT c.account_id FROM contract c WHERE c.model = 'DOLLAR_PACKAGE')",
                null)) {
            byAccount.computeIfAbsent(((Number) r[0]).longValue(), id -> new ArrayList<>()).add(month(r));
        }
        Map<Long, Map<YearMonth, WalletMonth>> result = new HashMap<>();
        byAccount.forEach((id, months) -> result.put(id, WalletMonths.byMonth(months)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String where, Long accountId) {
        var query = em().createNativeQuery("SELECT account_id, wallet_month, readings, balance_pairs, drawdown_usd,"
                + " top_ups_usd, last_balance_usd FROM wallet_month " + where);
        if (accountId != null) {
            query.setParameter(1, accountId);
        }
        return query.getResultList();
    }

    private static WalletMonth month(Object[] r) {
        return new WalletMonth(YearMonth.parse(((String) r[1]).trim()), ((Number) r[2]).intValue(),
                ((Number) r[3]).intValue(), (BigDecimal) r[4], (BigDecimal) r[5], (BigDecimal) r[6]);
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
