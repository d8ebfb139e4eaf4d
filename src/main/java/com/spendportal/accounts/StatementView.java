package com.spendportal.accounts;

import com.spendportal.contracts.Contract;
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
 * The statement part of the account page, computed only when it is rendered. The page caches that
 * part's HTML under {@link #getCacheKey()} (the account, the version of its figures and the day), so
 * a repeat view of an unchanged account neither reads its usage nor computes anything.
 */
public final class StatementView {

    private final Account account;
    private final Contract contract;
    private final LocalDate asOf;
    private Statement statement;
    private List<UsageRecord> usage;

    StatementView(Account account, Contract contract, LocalDate asOf) {
        this.account = account;
        this.contract = contract;
        this.asOf = asOf;
    }

    /** Changes whenever anything the statement is computed from changes (see {@code DataVersion}). */
    public String getCacheKey() {
        return "statement:" + account.id + ":" + account.figuresVersion + ":" + asOf;
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
