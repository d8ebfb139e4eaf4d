package com.spendportal.wallet;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import io.quarkus.hibernate.orm.panache.Panache;
import com.spendportal.accounts.Account;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/** The wallet as HeyGen reported it at one moment (FETCHED), or as an admin backfilled it (IMPORTED). */
@Entity
@Table(name = "wallet_snapshot")
public class WalletSnapshot extends IdEntity {

    private static final int BATCH = 1_000;

    public enum Source { FETCHED, IMPORTED }

    @Column(name = "account_id")
    public long accountId;

    @Column(name = "fetched_at")
    public Instant fetchedAt;

    @Enumerated(EnumType.STRING)
    public Source source;

    /** wallet, usage_based or subscription; an imported balance is a USD wallet. */
    @Column(name = "billing_type")
    public String billingType;

    /** usd or credits for a wallet. */
    public String currency;

    /** Null when HeyGen reported no balance: shown as unknown, never as zero. */
    @Column(name = "remaining_balance", precision = 18, scale = 2)
    public BigDecimal remainingBalance;

    @Column(name = "auto_reload_enabled")
    public Boolean autoReloadEnabled;

    @Column(name = "auto_reload_threshold_usd", precision = 14, scale = 2)
    public BigDecimal autoReloadThresholdUsd;

    @Column(name = "auto_reload_amount_usd", precision = 14, scale = 2)
    public BigDecimal autoReloadAmountUsd;

    @Column(name = "spending_current_usd", precision = 14, scale = 2)
    public BigDecimal spendingCurrentUsd;

    @Column(name = "spending_cap_usd", precision = 14, scale = 2)
    public BigDecimal spendingCapUsd;

    @Column(name = "subscription_plan")
    public String subscriptionPlan;

    /** A backfilled balance: a usd wallet at one moment. */
    public record Imported(Instant fetchedAt, BigDecimal remainingBalance) {
    }

    /**
     * Stores backfilled balances in USD (source IMPORTED) in JDBC batches. An imported balance at
     * the same instant is replaced (within the list, the last one wins), so importing the same list
     * twice changes nothing; the per-month figures are then refolded from the earliest one. Call in
     * a transaction; nothing is stored when the account no longer exists.
     */
    public static void storeImported(long accountId, List<Imported> balances) {
        if (!WalletHistory.lock(accountId) || balances.isEmpty()) {
            return;
        }
        Map<Instant, BigDecimal> byInstant = new LinkedHashMap<>();
        for (Imported b : balances) {
            byInstant.remove(b.fetchedAt());
            byInstant.put(b.fetchedAt(), b.remainingBalance());
        }
        Instant earliest = byInstant.keySet().stream().min(Instant::compareTo).orElseThrow();
        Instant latest = byInstant.keySet().stream().max(Instant::compareTo).orElseThrow();
        // A first backfill of a period replaces nothing: then skip looking for each instant.
        boolean replaces = count("accountId = ?1 and source = ?2 and fetchedAt between ?3 and ?4", accountId,
                Source.IMPORTED, earliest, latest) > 0;
        Panache.getEntityManager().flush();
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM wallet_snapshot"
                    + " WHERE account_id = ? AND fetched_at = ? AND source = 'IMPORTED'");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO wallet_snapshot (account_id,"
                            + " fetched_at, source, billing_type, currency, remaining_balance)"
                            + " VALUES (?, ?, 'IMPORTED', 'wallet', 'usd', ?)")) {
                int pending = 0;
                for (Map.Entry<Instant, BigDecimal> b : byInstant.entrySet()) {
                    OffsetDateTime at = b.getKey().atOffset(ZoneOffset.UTC);
                    if (replaces) {
                        delete.setLong(1, accountId);
                        delete.setObject(2, at);
                        delete.addBatch();
                    }
                    insert.setLong(1, accountId);
                    insert.setObject(2, at);
                    insert.setBigDecimal(3, b.getValue());
                    insert.addBatch();
                    if (++pending == BATCH) {
                        delete.executeBatch();
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
            }
        });
        WalletHistory.readingsChanged(accountId, earliest);
    }

    /** Stores a reading fetched from HeyGen and brings the per-month figures up to date. Call in a transaction. */
    public static void storeFetched(WalletSnapshot reading) {
        WalletHistory.lock(reading.accountId);
        reading.persist();
        WalletHistory.readingsChanged(reading.accountId, reading.fetchedAt);
    }

    /** HeyGen bills this key usage-based: it reports month-to-date spend, not a balance. */
    public boolean usageBased() {
        return UsersMe.USAGE_BASED.equals(billingType);
    }

    /** The account's latest reading (by time, then storage order). */
    public static Optional<WalletSnapshot> latestForAccount(Account account) {
        return account.latestSnapshotId == null ? Optional.empty() : findByIdOptional(account.latestSnapshotId);
    }

    /** Every account's latest reading by account id, in one query. */
    public static Map<Long, WalletSnapshot> latestOfEveryAccount() {
        Map<Long, WalletSnapshot> latest = new HashMap<>();
        for (WalletSnapshot s : Panache.getEntityManager().createQuery("select s from Account a join WalletSnapshot s"
                + " on s.id = a.latestSnapshotId", WalletSnapshot.class).getResultList()) {
            latest.put(s.accountId, s);
        }
        return latest;
    }
}
