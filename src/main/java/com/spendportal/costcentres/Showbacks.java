package com.spendportal.costcentres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.spendportal.figures.Overview;
import com.spendportal.figures.Overviews;
import com.spendportal.jobs.JobDays;
import com.spendportal.showback.MonthCost;
import com.spendportal.showback.ShowbackCalculator;
import com.spendportal.showback.ShowbackCalculator.AccountMonth;
import com.spendportal.showback.ShowbackCalculator.Centre;
import com.spendportal.showback.ShowbackCalculator.Members;
import com.spendportal.showback.ShowbackCalculator.Showback;
import com.spendportal.statements.MonthStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Showback of any month (DESIGN §19) from what the dashboard already keeps: every account's statement as of today
 * ({@link Overviews}, computed once per data version), the month's job seconds per account and folder ({@code job_day},
 * one query), the folder names (one) and the centres with their members (one). Never the job rows. A month is
 * computed once per data version and day; a change to a centre moves the data version like any other change.
 */
@ApplicationScoped
public class Showbacks {

    /** A month of showback, with the names its pages and exports show. */
    public record Month(Showback showback, Map<Long, Map<String, String>> folderNames, Map<Long, CostCentre> centres) {

        public String folderLabel(long accountId, String folderId) {
            return JobDays.folderLabel(folderNames.get(accountId), folderId);
        }
    }

    private record Key(long version, LocalDate day, YearMonth month) {
    }

    @Inject
    Overviews overviews;

    /** Months of the latest data version and day only (a centre's page asks twelve at once); older ones are let go. */
    private final Cache<Key, Month> months = Caffeine.newBuilder().maximumSize(48).build();
    private volatile Key latest;

    /** The month's showback as of today (UTC); a month after this one shows nothing yet. */
    public Month month(YearMonth month) {
        return range(month, month).get(0);
    }

    /** Each month from {@code from} through {@code to}, oldest first: one query for the job seconds of them all. */
    public List<Month> range(YearMonth from, YearMonth to) {
        Overviews.Computed computed = overviews.current();
        Key now = new Key(computed.version(), computed.day(), null);
        if (!now.equals(latest)) {
            // every month of an older version is stale: keeping them (up to 48 showbacks of every account's lines)
            // held 1.6 MB of lines in the soak at 300 accounts for nothing
            months.invalidateAll();
            latest = now;
        }
        List<Month> result = new ArrayList<>();
        List<YearMonth> missing = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Month kept = months.getIfPresent(new Key(computed.version(), computed.day(), m));
            result.add(kept);
            if (kept == null) {
                missing.add(m);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        Map<YearMonth, Map<Long, Map<String, BigDecimal>>> seconds = JobDays.folderSeconds(missing.get(0),
                missing.get(missing.size() - 1));
        Map<Long, Map<String, String>> names = JobDays.folderNames();
        // The centres and their members in one statement: the dashboard's notice asks for this month after every change.
        List<Object[]> rows = CostCentre.getEntityManager().createQuery("select c, m from CostCentre c"
                + " left join CostCentreMember m on m.costCentreId = c.id order by c.nameKey, c.id", Object[].class).getResultList();
        Map<Long, CostCentre> byId = new LinkedHashMap<>();
        List<CostCentreMember> memberRows = new ArrayList<>();
        for (Object[] row : rows) {
            CostCentre c = (CostCentre) row[0];
            byId.putIfAbsent(c.id, c);
            if (row[1] != null) {
                memberRows.add((CostCentreMember) row[1]);
            }
        }
        List<Centre> values = byId.values().stream().map(c -> new Centre(c.id, c.name, c.monthlyBudgetUsd)).toList();
        Members members = members(memberRows);
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i) != null) {
                continue;
            }
            YearMonth m = from.plusMonths(i);
            Month computedMonth = new Month(compute(computed, m, seconds.getOrDefault(m, Map.of()), values, members), names, byId);
            months.put(new Key(computed.version(), computed.day(), m), computedMonth);
            result.set(i, computedMonth);
        }
        return result;
    }

    static Showback compute(Overviews.Computed computed, YearMonth month, Map<Long, Map<String, BigDecimal>> seconds,
            List<Centre> centres, Members members) {
        LocalDate today = computed.day();
        YearMonth current = YearMonth.from(today);
        MonthStatus status = month.isBefore(current) ? MonthStatus.CLOSED
                : month.equals(current) ? MonthStatus.OPEN : MonthStatus.UPCOMING;
        List<AccountMonth> accounts = new ArrayList<>();
        for (Overview o : computed.byName()) {
            MonthCost cost = o.contract() == null || status == MonthStatus.UPCOMING ? new MonthCost(BigDecimal.ZERO.setScale(2), null)
                    : MonthCost.of(o.contract().terms(), o.statement(), month, today);
            accounts.add(new AccountMonth(o.account().id, o.account().name, cost, seconds.getOrDefault(o.account().id, Map.of())));
        }
        return ShowbackCalculator.compute(month, status, accounts, centres, members);
    }

    static Members members(List<CostCentreMember> rows) {
        Map<Long, Long> accounts = new HashMap<>();
        Map<Long, Map<String, Long>> folders = new HashMap<>();
        for (CostCentreMember m : rows) {
            if (m.wholeAccount()) {
                accounts.put(m.accountId, m.costCentreId);
            } else {
                folders.computeIfAbsent(m.accountId, k -> new HashMap<>()).put(m.folderKey, m.costCentreId);
            }
        }
        return new Members(accounts, folders);
    }
}
