package com.spendportal.wallet;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The wallet as HeyGen reported it at one moment (FETCHED), or as an admin backfilled it (IMPORTED). */
@Entity
@Table(name = "wallet_snapshot")
public class WalletSnapshot extends IdEntity {

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

    /**
     * Stores a backfilled balance in USD (source IMPORTED); an imported balance at the same instant is
     * replaced, so importing the same list twice changes nothing. Call in a transaction.
     */
    public static void storeImported(long accountId, Instant fetchedAt, BigDecimal remainingBalance) {
        delete("accountId = ?1 and fetchedAt = ?2 and source = ?3", accountId, fetchedAt, Source.IMPORTED);
        WalletSnapshot s = new WalletSnapshot();
        s.accountId = accountId;
        s.fetchedAt = fetchedAt;
        s.source = Source.IMPORTED;
        s.billingType = "wallet";
        s.currency = "usd";
        s.remainingBalance = remainingBalance;
        s.persist();
    }

    /** HeyGen bills this key usage-based: it reports month-to-date spend, not a balance. */
    public boolean usageBased() {
        return UsersMe.USAGE_BASED.equals(billingType);
    }

    public static List<WalletSnapshot> listForAccount(long accountId) {
        return list("accountId = ?1 order by fetchedAt, id", accountId);
    }

    public static List<WalletSnapshot> listForAccounts(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId in ?1 order by fetchedAt, id", accountIds);
    }

    public static Optional<WalletSnapshot> latestForAccount(long accountId) {
        return find("accountId = ?1 order by fetchedAt desc, id desc", accountId).firstResultOptional();
    }

    /** The latest snapshot of each account, in one query. */
    public static List<WalletSnapshot> latestForAccounts(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return list("from WalletSnapshot w where w.accountId in ?1 and w.fetchedAt = (select max(s.fetchedAt)"
                + " from WalletSnapshot s where s.accountId = w.accountId)", accountIds);
    }
}
