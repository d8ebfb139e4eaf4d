package com.spendportal.wallet;

import com.spendportal.spend.DailySpend;
import com.spendportal.spend.DailySpendFold;
import com.spendportal.spend.SpendDay;
import com.spendportal.spend.SpikeRule;
import com.spendportal.web.PortalConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Keeps each account's daily spend ({@code wallet_day}, DESIGN §15) current as readings are stored,
 * the way {@link WalletHistory} keeps the months: after readings change, the days are folded again
 * from the day of the reading before the earliest changed one (a pair that starts there may now
 * span a gap, or no longer), so the poller refolds a day or two and a backfill from its first day.
 * Pages and the alert check read these rows, never the readings.
 */
public final class WalletDays {

    private static final String USD = "s.remainingBalance is not null and lower(s.currency) = 'usd'"
            + " and (s.billingType is null or s.billingType = 'wallet')";
    private static final String USAGE = "s.spendingCurrentUsd is not null and s.billingType = '" + UsersMe.USAGE_BASED + "'";

    private WalletDays() {
    }

    /** Folds the account's days again for readings changed from {@code earliestChanged} on; after {@link WalletHistory#lock}. */
    static void readingsChanged(long accountId, Instant earliestChanged, Duration maxGap) {
        EntityManager em = em();
        LocalDate from = DailySpendFold.dayOf(earliestChanged);
        for (DailySpendFold.Last before : new DailySpendFold.Last[] {last(accountId, USD, "s.remainingBalance", earliestChanged),
                last(accountId, USAGE, "s.spendingCurrentUsd", earliestChanged)}) {
            if (before != null && DailySpendFold.dayOf(before.at()).isBefore(from)) {
                from = DailySpendFold.dayOf(before.at());
            }
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        DailySpendFold fold = new DailySpendFold(last(accountId, USD, "s.remainingBalance", start),
                last(accountId, USAGE, "s.spendingCurrentUsd", start), maxGap, from);
        em.createNativeQuery("DELETE FROM wallet_day WHERE account_id = ?1 AND spend_day >= ?2")
                .setParameter(1, accountId).setParameter(2, from).executeUpdate();
        try (Stream<Object[]> readings = em.createQuery("select s.fetchedAt, s.billingType, s.currency,"
                + " s.remainingBalance, s.spendingCurrentUsd from WalletSnapshot s where s.accountId = ?1"
                + " and s.fetchedAt >= ?2 order by s.fetchedAt, s.id", Object[].class)
                .setParameter(1, accountId).setParameter(2, start)
                .setHint("org.hibernate.fetchSize", 1000).getResultStream()) {
            readings.forEach(r -> fold.add((Instant) r[0], (String) r[1], (String) r[2], (BigDecimal) r[3],
                    (BigDecimal) r[4]));
        }
        for (SpendDay day : fold.days()) {
            em.createNativeQuery("INSERT INTO wallet_day (account_id, spend_day, spend_usd, pairs) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, accountId).setParameter(2, day.day()).setParameter(3, day.spendUsd())
                    .setParameter(4, day.pairs()).executeUpdate();
        }
    }

    private static DailySpendFold.Last last(long accountId, String series, String value, Instant before) {
        List<Object[]> found = em().createQuery("select s.fetchedAt, " + value + " from WalletSnapshot s where s.accountId = ?1"
                + " and s.fetchedAt < ?2 and " + series + " order by s.fetchedAt desc, s.id desc", Object[].class)
                .setParameter(1, accountId).setParameter(2, before).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : new DailySpendFold.Last((Instant) found.get(0)[0], (BigDecimal) found.get(0)[1]);
    }

    /** The account's known days from {@code from} to {@code to} (inclusive) with their spend. */
    public static Map<LocalDate, BigDecimal> days(long accountId, LocalDate from, LocalDate to) {
        Map<LocalDate, BigDecimal> days = new TreeMap<>();
        for (Object[] r : rows("account_id = :account AND spend_day BETWEEN :from AND :to", accountId, from, to)) {
            days.put((LocalDate) r[1], (BigDecimal) r[2]);
        }
        return days;
    }

    /** Every account's known days from {@code from} to {@code to}, by account id, in one query. */
    public static Map<Long, Map<LocalDate, BigDecimal>> daysOfEveryAccount(LocalDate from, LocalDate to) {
        Map<Long, Map<LocalDate, BigDecimal>> byAccount = new HashMap<>();
        for (Object[] r : rows("spend_day BETWEEN :from AND :to", null, from, to)) {
            byAccount.computeIfAbsent(((Number) r[0]).longValue(), id -> new HashMap<>()).put((LocalDate) r[1], (BigDecimal) r[2]);
        }
        return byAccount;
    }

    /** The spike rule with the portal's settings. */
    public static SpikeRule rule(PortalConfig config) {
        PortalConfig.Anomaly a = config.anomaly();
        return new SpikeRule(a.madFactor(), a.minIncreasePct(), a.minUsd());
    }

    /** The account's daily figures from {@code from} to {@code to} against their baselines, in one query. */
    public static List<DailySpend> figures(long accountId, LocalDate from, LocalDate to, SpikeRule rule) {
        return rule.figures(from, to, days(accountId, from.minusDays(SpikeRule.BASELINE_DAYS), to));
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String where, Long accountId, LocalDate from, LocalDate to) {
        NativeQuery<Object[]> query = em().createNativeQuery("SELECT account_id, spend_day, spend_usd FROM wallet_day WHERE "
                + where).unwrap(NativeQuery.class);
        query.addScalar("account_id", StandardBasicTypes.LONG).addScalar("spend_day", StandardBasicTypes.LOCAL_DATE)
                .addScalar("spend_usd", StandardBasicTypes.BIG_DECIMAL);
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        return query.setParameter("from", from).setParameter("to", to).getResultList();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
