package com.spendportal.accounts;

import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;

/** Operations on an account that span the tables hanging off it. */
public final class Accounts {

    private Accounts() {
    }

    /** Creates an account from validated input, encrypting its API key if one was given. */
    public static Account create(AccountInput input, ApiKeyCipher cipher) {
        Account account = new Account();
        account.name = input.trimmedName();
        account.createdAt = Instant.now();
        if (input.hasApiKey()) {
            account.setApiKey(input.apiKey(), cipher);
        }
        account.persist();
        DataVersion.bump();
        return account;
    }

    /** Deletes the account with its contract, history, usage and snapshots (the foreign keys cascade). */
    public static void delete(Account account) {
        account.delete();
        Panache.getEntityManager().flush();
        DataVersion.bump();
    }
}
