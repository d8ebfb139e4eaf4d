package com.spendportal.showback;

import static java.math.RoundingMode.HALF_UP;

import com.spendportal.statements.MonthStatus;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Showback of one month (DESIGN §19): every account's cost shared across its folders by their job seconds
 * ({@link Allocation}), each share given to its owner (the centre holding that folder of that account, else the centre
 * holding the whole account, else nobody: {@code UNASSIGNED}), and summed per centre. The centres and the unassigned
 * line add up to the sum of every account's cost, to the cent. Pure: the caller passes the costs and the members.
 */
public final class ShowbackCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO_USD = BigDecimal.ZERO.setScale(2);

    private ShowbackCalculator() {
    }

    /** A cost centre as the calculation needs it; {@code monthlyBudgetUsd} may be null. */
    public record Centre(long id, String name, BigDecimal monthlyBudgetUsd) {
    }

    /**
     * One account's month: its cost and the month's completed job seconds per folder (the blank folder {@code ""}
     * included).
     */
    public record AccountMonth(long accountId, String accountName, MonthCost cost, Map<String, BigDecimal> folderSeconds) {
    }

    /**
     * Who holds what: whole accounts by account id, and folders by account id then folder id, each to a centre id.
     * An account or a folder is held by at most one centre.
     */
    public record Members(Map<Long, Long> accounts, Map<Long, Map<String, Long>> folders) {

        public static final Members NONE = new Members(Map.of(), Map.of());

        /** The centre owning the share of {@code folderId} of the account; null when nobody does. */
        public Long owner(long accountId, String folderId) {
            Long byFolder = folders.getOrDefault(accountId, Map.of()).get(folderId);
            return byFolder != null ? byFolder : accounts.get(accountId);
        }
    }

    /** One share: a folder of an account, its job seconds and its part of the account's cost (and projection). */
    public record Line(long accountId, String accountName, String folderId, BigDecimal jobSeconds, BigDecimal spendUsd,
            BigDecimal projectedUsd) {
    }

    /**
     * A centre's month, or the unassigned shares ({@code centre} null). {@code projectedUsd} is null unless the month
     * is OPEN; {@code budgetUsedPct} is null without a budget.
     */
    public record CentreMonth(Centre centre, BigDecimal spendUsd, BigDecimal projectedUsd, BigDecimal budgetUsedPct,
            List<Line> lines) {
    }

    /** The month: every centre by name, the unassigned shares, and the sum of every account's cost. */
    public record Showback(YearMonth month, MonthStatus status, List<CentreMonth> centres, CentreMonth unassigned,
            BigDecimal totalUsd, BigDecimal projectedTotalUsd) {
    }

    /** Lines by account id, then folder id with the blank folder last. */
    static final Comparator<Line> LINE_ORDER = Comparator.comparingLong(Line::accountId)
            .thenComparing(Line::folderId, Allocation.FOLDER_ORDER);

    public static Showback compute(YearMonth month, MonthStatus status, List<AccountMonth> accounts, List<Centre> centres,
            Members members) {
        Objects.requireNonNull(members, "members");
        boolean open = status == MonthStatus.OPEN;
        Map<Long, List<Line>> byCentre = new HashMap<>();
        List<Line> unassigned = new ArrayList<>();
        BigDecimal total = ZERO_USD;
        BigDecimal projectedTotal = ZERO_USD;
        for (AccountMonth a : accounts) {
            MonthCost cost = a.cost();
            boolean hasJobs = a.folderSeconds().values().stream().anyMatch(s -> s.signum() != 0);
            if (cost.spendUsd().signum() == 0 && (cost.projectedUsd() == null || cost.projectedUsd().signum() == 0)
                    && !hasJobs) {
                continue; // nothing to show or share
            }
            total = total.add(cost.spendUsd());
            Map<String, BigDecimal> spend = Allocation.shares(cost.spendUsd(), a.folderSeconds());
            Map<String, BigDecimal> projected = null;
            if (open) {
                // an account with jobs but no contract (or outside its term) projects nothing: 0.00 shares
                BigDecimal projection = cost.projectedUsd() == null ? ZERO_USD : cost.projectedUsd();
                projected = Allocation.shares(projection, a.folderSeconds());
                projectedTotal = projectedTotal.add(projection);
            }
            Map<String, BigDecimal> seconds = new LinkedHashMap<>(a.folderSeconds());
            for (Map.Entry<String, BigDecimal> share : spend.entrySet()) {
                String folder = share.getKey();
                BigDecimal jobSeconds = seconds.getOrDefault(folder, BigDecimal.ZERO).setScale(3, HALF_UP);
                Line line = new Line(a.accountId(), a.accountName(), folder, jobSeconds, share.getValue(),
                        projected == null ? null : projected.get(folder));
                Long owner = members.owner(a.accountId(), folder);
                (owner == null ? unassigned : byCentre.computeIfAbsent(owner, k -> new ArrayList<>())).add(line);
            }
        }
        List<CentreMonth> result = new ArrayList<>(centres.size());
        for (Centre c : centres) {
            result.add(month(c, byCentre.getOrDefault(c.id(), new ArrayList<>()), open));
        }
        result.sort(Comparator.comparing((CentreMonth m) -> m.centre().name().toLowerCase()).thenComparing(m -> m.centre().id()));
        return new Showback(month, status, List.copyOf(result), month(null, unassigned, open), total,
                open ? projectedTotal : null);
    }

    private static CentreMonth month(Centre centre, List<Line> lines, boolean open) {
        lines.sort(LINE_ORDER);
        BigDecimal spend = ZERO_USD;
        BigDecimal projected = open ? ZERO_USD : null;
        for (Line l : lines) {
            spend = spend.add(l.spendUsd());
            if (open && l.projectedUsd() != null) {
                projected = projected.add(l.projectedUsd());
            }
        }
        BigDecimal budget = centre == null ? null : centre.monthlyBudgetUsd();
        BigDecimal usedPct = budget == null || budget.signum() <= 0 ? null
                : spend.multiply(HUNDRED).divide(budget, 1, HALF_UP);
        return new CentreMonth(centre, spend, projected, usedPct, List.copyOf(lines));
    }
}
