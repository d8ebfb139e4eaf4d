package com.spendportal.figures;

import com.spendportal.contracts.Contract;
import com.spendportal.invoices.Invoice;
import com.spendportal.jobs.JobDays;
import com.spendportal.statements.ContractModel;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementCalculator;
import com.spendportal.statements.UsageRecord;
import com.spendportal.statements.WalletMonth;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.WalletHistory;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one read path from the database to a statement: the contract, the usage, the job list's months and, for a
 * dollar package, the per-month wallet figures (never the readings themselves). Serves the account page,
 * the statement export and the API; the dashboard reads the same three things for every account at once.
 */
public final class AccountStatements {

    private AccountStatements() {
    }

    /** The account's statement as of a day, its invoices held against it; empty when it has no contract. At most six queries. */
    public static Optional<Statement> forAccount(long accountId, LocalDate asOf) {
        return Contract.findByAccountId(accountId)
                .map(contract -> of(contract, UsageEntry.recordsForAccount(accountId), asOf));
    }

    /** The statement of a contract whose usage is already loaded, with the account's recorded invoices. */
    public static Statement of(Contract contract, List<UsageRecord> usage, LocalDate asOf) {
        Map<YearMonth, WalletMonth> wallet = contract.model == ContractModel.DOLLAR_PACKAGE
                ? WalletHistory.months(contract.account.id) : Map.of();
        return StatementCalculator.compute(contract.terms(), usage, wallet, asOf, Invoice.forStatement(contract.account.id),
                JobDays.months(contract.account.id));
    }
}
