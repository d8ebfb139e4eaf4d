package com.spendportal.accounts;

import com.spendportal.audit.Audit;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Operations on an account that span the tables hanging off it. */
public final class Accounts {

    private Accounts() {
    }

    /** The audit target of an account: {@code account:<id>}. */
    public static String target(long accountId) {
        return "account:" + accountId;
    }

    /** Creates an account from validated input, encrypting its API key if one was given, and audits it. */
    public static Account create(AccountInput input, ApiKeyCipher cipher, Audit audit) {
        Account account = new Account();
        account.name = input.trimmedName();
        account.createdAt = Instant.now();
        if (input.hasApiKey()) {
            account.setApiKey(input.apiKey(), cipher);
        }
        account.persist();
        DataVersion.bump();
        Audit.Detail detail = Audit.detail().put("account", account.name);
        audit.record("account.create", target(account.id), account.hasApiKey() ? detail.put("apiKey", "set") : detail);
        return account;
    }

    /** Deletes the account with its contract, history, usage and snapshots (the foreign keys cascade). */
    public static void delete(Account account, Audit audit) {
        deleteAll(List.of(account), audit);
    }

    /**
     * Deletes the accounts, then moves the data version once, last: a transaction that held the data version's row
     * while it waited for an account's row deadlocked with a background read storing into that account (which takes
     * the account's row first and the data version last).
     */
    public static void deleteAll(List<Account> accounts, Audit audit) {
        for (Account account : accounts) {
            account.delete();
            Panache.getEntityManager().flush();
            audit.record("account.delete", target(account.id), Audit.detail().put("account", account.name));
        }
        if (!accounts.isEmpty()) {
            DataVersion.bump();
        }
    }

    /** The audited fields of an account before a change, to describe the change after it. */
    public record Before(String name, String apiKeyCiphertext, BigDecimal lowBalanceThresholdUsd) {

        public static Before of(Account account) {
            return new Before(account.name, account.apiKeyCiphertext, account.lowBalanceThresholdUsd);
        }

        /**
         * Flushes and audits what changed since this was taken, and moves the account's figures on.
         * The key itself never reaches the trail: only whether it was set, replaced or removed.
         */
        public void saved(Account account, Audit audit) {
            Panache.getEntityManager().flush();
            DataVersion.bump(account.id);
            Audit.Detail detail = Audit.detail().change("name", name, account.name)
                    .change("lowBalanceThresholdUsd", lowBalanceThresholdUsd, account.lowBalanceThresholdUsd);
            if (!Objects.equals(apiKeyCiphertext, account.apiKeyCiphertext)) {
                detail.put("apiKey", account.apiKeyCiphertext == null ? "removed" : apiKeyCiphertext == null ? "set" : "replaced");
            }
            if (!detail.isEmpty()) {
                audit.record("account.update", target(account.id), Audit.detail().put("account", account.name).merge(detail));
            }
        }
    }
}
