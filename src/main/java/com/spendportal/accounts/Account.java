package com.spendportal.accounts;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.ws.rs.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One HeyGen Enterprise API account whose spend the portal follows. */
@Entity
public class Account extends IdEntity {

    public static final int NAME_MAX = 100;

    public String name;

    /** AES-GCM ciphertext of the API key; never leaves the server in any other form. */
    @Column(name = "api_key_ciphertext")
    public String apiKeyCiphertext;

    @Column(name = "api_key_last4")
    public String apiKeyLast4;

    public boolean demo;

    @Column(name = "low_balance_threshold_usd", precision = 14, scale = 2)
    public BigDecimal lowBalanceThresholdUsd;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_refresh_at")
    public Instant lastRefreshAt;

    @Column(name = "last_refresh_error")
    public String lastRefreshError;

    @Column(name = "last_refresh_error_code")
    public String lastRefreshErrorCode;

    /** Set from Retry-After and failure backoff: nobody asks the upstream for this account before then. */
    @Column(name = "next_fetch_not_before")
    public Instant nextFetchNotBefore;

    @Column(name = "consecutive_failures")
    public int consecutiveFailures;

    /** The latest wallet reading; written only by the wallet history, never through this entity. */
    @Column(name = "latest_snapshot_id", insertable = false, updatable = false)
    public Long latestSnapshotId;

    /** Moved on by every change to the account's figures ({@link com.spendportal.web.DataVersion}); never written here. */
    @Column(name = "figures_version", insertable = false, updatable = false)
    public long figuresVersion;

    public static List<Account> listByName() {
        return list("order by lower(name)");
    }

    /** The account, or a 404 (a page, or {@code {"error": ...}} under /api). */
    public static Account require(long id) {
        Account account = findById(id);
        if (account == null) {
            throw new NotFoundException();
        }
        return account;
    }

    public static Optional<Account> findByName(String name) {
        return find("lower(name) = lower(?1)", name.trim()).firstResultOptional();
    }

    public boolean hasApiKey() {
        return apiKeyCiphertext != null;
    }

    public void setApiKey(String apiKey, ApiKeyCipher cipher) {
        String trimmed = apiKey.trim();
        apiKeyCiphertext = cipher.encrypt(trimmed);
        apiKeyLast4 = trimmed.length() <= 4 ? trimmed : trimmed.substring(trimmed.length() - 4);
        lastRefreshError = null;
        lastRefreshErrorCode = null;
        nextFetchNotBefore = null;
        consecutiveFailures = 0;
    }

    public void removeApiKey() {
        apiKeyCiphertext = null;
        apiKeyLast4 = null;
    }
}
