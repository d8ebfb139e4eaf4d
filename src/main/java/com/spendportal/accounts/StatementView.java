package com.spendportal.accounts;

import com.spendportal.contracts.Contract;
import com.spendportal.contracts.ContractChange;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementChart;
import com.spendportal.statements.StatementSummary;
import com.spendportal.statements.TierComparison;
import com.spendportal.statements.TierCost;
import com.spendportal.statements.UsageRecord;
import com.spendportal.usage.UsageEntry;
import java.time.LocalDate;
import java.util.List;

/**
 * The statement, contract terms and contract history of the account page, read and computed only
 * when they are rendered. The page caches their HTML under {@link #getCacheKey()} (the account, the
 * version of its figures, the day and whether the viewer is an admin), so a repeat view of an
 * unchanged account reads neither its usage nor its history and computes nothing.
 */
public final class StatementView {

    private final Account account;
    private final Contract contract;
    private final LocalDate asOf;
    private final boolean admin;
    private Statement statement;
    private List<UsageRecord> usage;

    StatementView(Account account, Contract contract, LocalDate asOf, boolean admin) {
        this.account = account;
        this.contract = contract;
        this.asOf = asOf;
        this.admin = admin;
    }

    /** Changes whenever anything the statement is computed from changes (see {@code DataVersion}). */
    public String getCacheKey() {
        return "account:" + account.id + ":" + account.figuresVersion + ":" + asOf + ":" + admin;
    }

    /** The changes of the contract terms, newest first. */
    public List<ContractChange> getHistory() {
        return ContractChange.listForAccount(account.id);
    }

    public Statement getStatement() {
        if (statement == null) {
            usage = UsageEntry.recordsForAccount(account.id);
            statement = AccountStatements.of(contract, usage, asOf);
        }
        return statement;
    }

    public StatementSummary getSummary() {
        return StatementSummary.of(getStatement());
    }

    public StatementChart getChart() {
        return StatementChart.of(getStatement());
    }

    /** The tier what-if of a usage-based contract; empty for a package. */
    public List<TierCost> getTiers() {
        return getStatement().usageBased() ? TierComparison.compareTiers(usage, contract.terms(), asOf) : List.of();
    }
}
