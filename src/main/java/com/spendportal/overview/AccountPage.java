package com.spendportal.overview;

import com.spendportal.accounts.Account;
import com.spendportal.contracts.Contract;
import com.spendportal.contracts.ContractChange;
import com.spendportal.contracts.ContractInput;
import com.spendportal.figures.AccountStatements;
import com.spendportal.invoices.Invoice;
import com.spendportal.invoices.InvoiceInput;
import com.spendportal.costcentres.CostCentre;
import com.spendportal.costcentres.CostCentreMember;
import com.spendportal.jobs.FolderMonth;
import com.spendportal.jobs.FolderNames;
import com.spendportal.jobs.JobDays;
import com.spendportal.jobs.JobSync;
import com.spendportal.jobs.JobSyncView;
import com.spendportal.spend.DailySpend;
import com.spendportal.spend.SpendChart;
import com.spendportal.spend.SpikeRule;
import com.spendportal.statements.Statement;
import com.spendportal.statements.StatementChart;
import com.spendportal.statements.StatementSummary;
import com.spendportal.statements.TierComparison;
import com.spendportal.statements.TierCost;
import com.spendportal.statements.UsageRecord;
import com.spendportal.usage.UsageEntry;
import com.spendportal.wallet.WalletDays;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.wallet.WalletView;
import io.quarkus.hibernate.orm.panache.Panache;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the account page shows, read and computed only when it is rendered. The page caches its
 * parts' HTML under keys made of the account, the version of its figures (moved on by every change
 * to the account, its contract, usage, readings or refresh outcome; see {@code DataVersion}), the
 * day, whether the viewer is an admin and, for the wallet panel, the minute. A repeat view of an
 * unchanged account so reads one row (its version) and loads, computes and renders nothing of it.
 */
public final class AccountPage {

    /** How many days the daily spend chart shows. */
    static final int CHART_DAYS = 90;
    private static final InvoiceInput BLANK_INVOICE = new InvoiceInput("", "", "");

    private final long id;
    private final long figuresVersion;
    private final String name;
    private final boolean hasKey;
    private final LocalDate asOf;
    private final boolean admin;
    private final Instant now;
    private final Duration pollInterval;
    private final SpikeRule spikeRule;
    private final Duration maxGap;

    private boolean hasContract;
    private InvoiceInput invoiceForm = BLANK_INVOICE;
    private Map<String, String> invoiceErrors = Map.of();

    private boolean loaded;
    private Account account;
    private Contract contract;
    private WalletSnapshot latest;
    private WalletView wallet;
    private Statement statement;
    private List<UsageRecord> usage;
    private List<DailySpend> daily;

    /**
     * @param figuresVersion the account's {@code figures_version}, read before anything else of it
     * @param name           the account's name at that version (the title)
     * @param hasKey         whether an API key was connected at that version (the refresh form is not cached)
     */
    AccountPage(long id, long figuresVersion, String name, boolean hasKey, LocalDate asOf, boolean admin, Instant now,
            Duration pollInterval, SpikeRule spikeRule, Duration maxGap) {
        this.id = id;
        this.figuresVersion = figuresVersion;
        this.name = name;
        this.hasKey = hasKey;
        this.asOf = asOf;
        this.admin = admin;
        this.now = now;
        this.pollInterval = pollInterval;
        this.spikeRule = spikeRule;
        this.maxGap = maxGap;
    }

    public long getId() {
        return id;
    }

    public LocalDate getAsOf() {
        return asOf;
    }

    /** Whether the account had a contract at the page's version (the invoice form is not cached). */
    public boolean isHasContract() {
        return hasContract;
    }

    /** The invoice form's values: empty, or as typed when they were refused. */
    public InvoiceInput getInvoiceForm() {
        return invoiceForm;
    }

    public Map<String, String> getInvoiceErrors() {
        return invoiceErrors;
    }

    /** Whether the invoice form is the empty one, the same on every account page (so it is rendered once, cached). */
    public boolean isInvoiceFormBlank() {
        return invoiceErrors.isEmpty() && invoiceForm.equals(BLANK_INVOICE);
    }

    /** {@code portal.reconcile.tolerance-usd}: an invoice within it of the portal's figure matches. */
    public BigDecimal getToleranceUsd() {
        return Invoice.toleranceUsd();
    }

    AccountPage withContract(boolean hasContract) {
        this.hasContract = hasContract;
        return this;
    }

    AccountPage withInvoiceForm(InvoiceInput form, Map<String, String> errors) {
        this.invoiceForm = form;
        this.invoiceErrors = errors;
        return this;
    }

    public String getName() {
        return name;
    }

    public boolean isHasKey() {
        return hasKey;
    }

    /** The header and warnings: they change with the account and its contract. */
    public String getHeadKey() {
        return "account-head:" + id + ":" + figuresVersion + ":" + admin;
    }

    /** The wallet panel tells the reading's age in minutes. */
    public String getWalletKey() {
        return "account-wallet:" + id + ":" + figuresVersion + ":" + admin + ":" + now.getEpochSecond() / 60;
    }

    /** The statement, terms and history: they change with the account's figures and the day. */
    public String getCacheKey() {
        return "account:" + id + ":" + figuresVersion + ":" + asOf + ":" + admin;
    }

    /**
     * The daily spend panel: it changes with the readings (which move the figures version) and
     * with the last day it shows, today or the page's earlier asOf.
     */
    public String getDailyKey() {
        return "account-daily:" + id + ":" + figuresVersion + ":" + getDailyTo();
    }

    /**
     * The usage by folder: it changes with the account's job figures (a sync that changes them moves the figures
     * version, as the statement reads them too) and with the day.
     */
    private Map<String, String> centres;

    public String getJobsKey() {
        return "account-jobs:" + id + ":" + figuresVersion + ":" + getToday();
    }

    /** Whether the account's jobs were read at least once: only then is there a usage by folder to show. */
    public boolean isJobsRead() {
        return !JobSync.neverRead(id);
    }

    /** This month (UTC, so far) and last month by folder and kind, from {@code job_day} (DESIGN §18). */
    public List<FolderMonth> getFolderMonths() {
        YearMonth thisMonth = YearMonth.from(getToday());
        FolderNames names = FolderNames.of(id);
        return List.of(thisMonth, thisMonth.minusMonths(1)).stream()
                .map(m -> FolderMonth.of(m, m.equals(thisMonth), JobDays.byFolder(id, m.atDay(1), m.atEndOfMonth()), names))
                .toList();
    }

    /**
     * The cost centre each folder's share goes to (DESIGN §19): the centre holding the folder, else the one holding the
     * whole account; "Unassigned" when none. Members' changes move the account's figures version, so the cached table
     * follows them.
     */
    public String centreOf(String folderId) {
        if (centres == null) {
            centres = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (CostCentreMember m : CostCentreMember.<CostCentreMember>list("accountId", id)) {
                String name = names.computeIfAbsent(m.costCentreId, k -> CostCentre.<CostCentre>findById(k).name);
                centres.put(m.folderKey, name);
            }
        }
        String held = centres.get(folderId == null ? "" : folderId);
        held = held != null ? held : centres.get(CostCentreMember.WHOLE_ACCOUNT);
        return held != null ? held : "Unassigned";
    }

    /** The last day of the daily spend chart: today (so far), or asOf when that is earlier. */
    public LocalDate getDailyTo() {
        return asOf.isBefore(getToday()) ? asOf : getToday();
    }

    /** The 90 days up to {@link #getDailyTo()}, each against its baseline (DESIGN §15). */
    public List<DailySpend> getDaily() {
        if (daily == null) {
            LocalDate to = getDailyTo();
            daily = WalletDays.figures(id, to.minusDays(CHART_DAYS - 1), to, spikeRule);
        }
        return daily;
    }

    public SpendChart getSpendChart() {
        return SpendChart.of(getDaily());
    }

    /** The spikes among the chart's days, newest first. */
    public List<DailySpend> getSpikes() {
        List<DailySpend> spikes = new ArrayList<>(getDaily().stream().filter(DailySpend::spike).toList());
        Collections.reverse(spikes);
        return spikes;
    }

    public long getKnownDays() {
        return getDaily().stream().filter(d -> d.spendUsd() != null).count();
    }

    public LocalDate getToday() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** portal.anomaly.max-gap in words: "6 hours", "90 minutes". */
    public String getMaxGapText() {
        long minutes = maxGap.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + (minutes == 60 ? " hour" : " hours") : minutes + " minutes";
    }

    public SpikeRule getSpikeRule() {
        return spikeRule;
    }

    public Account getAccount() {
        load();
        return account;
    }

    public Contract getContract() {
        load();
        return contract;
    }

    public List<String> getWarnings() {
        return getContract() == null ? List.of() : ContractInput.warnings(contract.terms());
    }

    public WalletView getWallet() {
        if (wallet == null) {
            wallet = WalletView.of(getAccount(), latest, pollInterval, now);
        }
        return wallet;
    }

    /** The changes of the contract terms, newest first. */
    public List<ContractChange> getHistory() {
        return ContractChange.listForAccount(id);
    }

    public Statement getStatement() {
        if (statement == null) {
            usage = UsageEntry.recordsForAccount(id);
            statement = AccountStatements.of(getContract(), usage, asOf);
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

    /** The job list's last sync line (DESIGN §18): it tells the sync's age in minutes, as the wallet panel does. */
    public String getJobSyncKey() {
        return "account-job-sync:" + id + ":" + figuresVersion + ":" + now.getEpochSecond() / 60;
    }

    public JobSyncView getJobSync() {
        return JobSyncView.of(id);
    }

    /** The account with its contract and latest reading in one query; more only without a contract. */
    private void load() {
        if (loaded) {
            return;
        }
        List<Object[]> found = Panache.getEntityManager().createQuery("select c, s from Contract c join fetch c.account a"
                + " left join WalletSnapshot s on s.id = a.latestSnapshotId where a.id = ?1", Object[].class)
                .setParameter(1, id).getResultList();
        if (found.isEmpty()) {
            account = Account.require(id);
            latest = WalletSnapshot.latestForAccount(account).orElse(null);
        } else {
            contract = (Contract) found.get(0)[0];
            account = contract.account;
            latest = (WalletSnapshot) found.get(0)[1];
        }
        loaded = true;
    }
}
