package com.spendportal.statements;

import com.spendportal.contracts.Contract;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.WalletSnapshot;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Loads what one account's statement needs (three queries) and computes it. */
public final class Statements {

    private Statements() {
    }

    public static Optional<Statement> forAccount(long accountId, LocalDate asOf) {
        return Contract.findByAccountId(accountId).map(contract -> compute(contract, asOf));
    }

    public static Statement compute(Contract contract, LocalDate asOf) {
        long accountId = contract.account.id;
        return StatementCalculator.compute(contract.terms(), UsageEntry.recordsForAccount(accountId),
                balances(WalletSnapshot.listForAccount(accountId)), asOf);
    }

    /** The wallet history as the engine reads it; usage-based and subscription snapshots carry no balance. */
    public static List<BalanceSnapshot> balances(List<WalletSnapshot> snapshots) {
        return snapshots.stream()
                .filter(s -> s.billingType == null || "wallet".equals(s.billingType))
                .map(s -> new BalanceSnapshot(s.fetchedAt, s.currency, s.remainingBalance))
                .toList();
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Parses {@code asOf} (YYYY-MM-DD, default today UTC); null when it is not a date. */
    public static LocalDate asOf(String text) {
        if (text == null || text.isBlank()) {
            return today();
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
