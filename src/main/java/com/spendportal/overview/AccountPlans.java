package com.spendportal.overview;

import com.spendportal.accounts.Account;
import com.spendportal.contracts.Contract;
import com.spendportal.plan.Plan;
import com.spendportal.plan.PlanCalculator;
import com.spendportal.plan.PlanInputs;
import com.spendportal.plan.PlanOption;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.Statements;
import com.spendportal.statements.UsageRecord;
import com.spendportal.usage.UsageEntry;
import com.spendportal.web.DataVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Every account's plan with the default inputs (DESIGN §14), kept until the account's {@code figures_version} or the
 * day changes, as statements are: the portfolio, the plan page's first view and the API's default answer are the same
 * plan. The portfolio itself is kept until the portal's {@link DataVersion} or the day moves on; a view of an unchanged
 * portal costs one query, and a change recomputes only the accounts whose figures moved.
 */
@ApplicationScoped
public class AccountPlans {

    private static final Logger LOG = Logger.getLogger(AccountPlans.class);

    /** Above this many accounts to recompute, every contract and all usage are read in two queries. */
    static final int BATCH_FROM = 20;

    record Entry(long figuresVersion, LocalDate day, Plan plan) {
    }

    /**
     * One account's line of the portfolio.
     *
     * @param current     the current contract's option, or null (no contract, or it could not be priced)
     * @param recommended the recommended option, or null when the history is too short
     */
    public record Line(long accountId, String name, boolean demo, Plan plan, PlanOption current, PlanOption recommended) {

        /** What the recommendation saves a year against the current contract; null without both. */
        public BigDecimal savingUsd() {
            return recommended == null || current == null ? null : recommended.savingVsCurrentUsd();
        }
    }

    /** Every account's line, largest saving first (lines without a saving last, by name), with the totals. */
    public record Portfolio(long version, LocalDate day, List<Line> lines, BigDecimal currentUsd,
            BigDecimal recommendedUsd, BigDecimal savingUsd) {
    }

    static final Comparator<Line> LARGEST_SAVING_FIRST = Comparator
            .comparing(Line::savingUsd, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(l -> l.name().toLowerCase());

    @Inject
    DataSource dataSource;

    private final Map<Long, Entry> plans = new ConcurrentHashMap<>();
    private volatile Portfolio cached;

    /**
     * An account's plan: the cached one for the default inputs as of today, else computed now. Null when there is no
     * such account.
     */
    public Plan forAccount(long accountId, PlanInputs inputs) {
        Account account = Account.findById(accountId);
        if (account == null) {
            return null;
        }
        LocalDate today = Statements.today();
        boolean cacheable = inputs.isDefault() && inputs.asOf().equals(today);
        if (cacheable) {
            Entry entry = plans.get(accountId);
            if (entry != null && entry.figuresVersion() == account.figuresVersion && entry.day().equals(today)) {
                return entry.plan();
            }
        }
        Plan plan = compute(Contract.findByAccountId(accountId).map(Contract::terms).orElse(null),
                UsageEntry.recordsForAccount(accountId), inputs, accountId);
        if (cacheable) {
            plans.put(accountId, new Entry(account.figuresVersion, today, plan));
        }
        return plan;
    }

    static Plan compute(ContractTerms terms, List<UsageRecord> usage, PlanInputs inputs, long accountId) {
        return PlanCalculator.compute(terms, usage, inputs, accountId);
    }

    /** Every account's plan with the default inputs as of today; call where the database can be read. */
    public Portfolio portfolio() {
        LocalDate today = Statements.today();
        long version = DataVersion.current(dataSource);
        Portfolio p = cached;
        if (p != null && p.version() == version && p.day().equals(today)) {
            return p;
        }
        synchronized (this) {
            p = cached;
            if (p != null && p.version() >= version && p.day().equals(today)) {
                return p;
            }
            long started = System.nanoTime();
            List<Account> accounts = Account.listByName();
            List<Account> stale = new ArrayList<>();
            for (Account a : accounts) {
                Entry e = plans.get(a.id);
                if (e == null || e.figuresVersion() != a.figuresVersion || !e.day().equals(today)) {
                    stale.add(a);
                }
            }
            PlanInputs defaults = PlanInputs.defaults(today);
            if (stale.size() > BATCH_FROM) {
                Map<Long, Contract> contracts = Contract.byAccountId();
                Map<Long, List<UsageRecord>> usage = UsageEntry.recordsByAccount();
                for (Account a : stale) {
                    Contract c = contracts.get(a.id);
                    plans.put(a.id, new Entry(a.figuresVersion, today, compute(c == null ? null : c.terms(),
                            usage.getOrDefault(a.id, List.of()), defaults, a.id)));
                }
            } else {
                for (Account a : stale) {
                    plans.put(a.id, new Entry(a.figuresVersion, today, compute(Contract.findByAccountId(a.id)
                            .map(Contract::terms).orElse(null), UsageEntry.recordsForAccount(a.id), defaults, a.id)));
                }
            }
            List<Line> lines = new ArrayList<>(accounts.size());
            BigDecimal current = BigDecimal.ZERO.setScale(2);
            BigDecimal recommended = BigDecimal.ZERO.setScale(2);
            BigDecimal saving = BigDecimal.ZERO.setScale(2);
            for (Account a : accounts) {
                Plan plan = plans.get(a.id).plan();
                Line line = new Line(a.id, a.name, a.demo, plan, plan.currentOption(), plan.recommendedOption());
                lines.add(line);
                if (line.savingUsd() != null) {
                    current = current.add(line.current().expectedAnnualUsd());
                    recommended = recommended.add(line.recommended().expectedAnnualUsd());
                    saving = saving.add(line.savingUsd());
                }
            }
            plans.keySet().retainAll(accounts.stream().map(a -> a.id).toList());
            lines.sort(LARGEST_SAVING_FIRST);
            p = new Portfolio(version, today, List.copyOf(lines), current, recommended, saving);
            cached = p;
            LOG.debugf("Planned %d of %d accounts at data version %d in %d ms", stale.size(), accounts.size(), version,
                    (System.nanoTime() - started) / 1_000_000);
            return p;
        }
    }
}
