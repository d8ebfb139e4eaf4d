package com.spendportal.costcentres;

import static java.math.RoundingMode.HALF_UP;

import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Line;
import com.spendportal.showback.ShowbackCalculator.Showback;
import com.spendportal.statements.MonthStatus;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the cost-centre pages show, made from a month of {@link Showbacks} (DESIGN §19). */
final class CostCentreViews {

    static final BigDecimal NEAR_PCT = new BigDecimal("80");
    static final BigDecimal FULL_PCT = new BigDecimal("100");
    /** The unassigned shares the list page names, largest first. */
    static final int UNASSIGNED_SHOWN = 10;

    private CostCentreViews() {
    }

    /**
     * A centre's month, or the unassigned shares ({@code id} null), with what its bar needs. {@code budgetUsedPct} is
     * §19's; {@code projectedPct} is the projection against the budget, the same way.
     */
    record Row(Long id, String name, BigDecimal spendUsd, BigDecimal projectedUsd, BigDecimal monthlyBudgetUsd,
            BigDecimal budgetUsedPct, BigDecimal projectedPct, int lines) {

        static Row of(CentreMonth m) {
            BigDecimal budget = m.centre() == null ? null : m.centre().monthlyBudgetUsd();
            BigDecimal projectedPct = budget == null || budget.signum() <= 0 || m.projectedUsd() == null ? null
                    : m.projectedUsd().multiply(FULL_PCT).divide(budget, 1, HALF_UP);
            return new Row(m.centre() == null ? null : m.centre().id(), m.centre() == null ? null : m.centre().name(),
                    m.spendUsd(), m.projectedUsd(), budget, m.budgetUsedPct(), projectedPct, m.lines().size());
        }

        /** {@code none} (no budget), {@code ok}, {@code near} (80% or more of the budget used), {@code over} (100% or more). */
        public String level() {
            return CostCentreViews.level(budgetUsedPct);
        }

        public boolean near() {
            return "near".equals(level());
        }

        public boolean over() {
            return "over".equals(level());
        }

        /** The month-end projection is over the budget. */
        public boolean projectedOver() {
            return monthlyBudgetUsd != null && projectedUsd != null && projectedUsd.compareTo(monthlyBudgetUsd) > 0;
        }

        public boolean hasBudget() {
            return monthlyBudgetUsd != null;
        }

        /** The bar's fill, in hundredths of the budget (at most the whole bar). */
        public String barWidth() {
            return capped(budgetUsedPct);
        }

        /** Where the projection's mark stands on the bar; null when there is none (or nothing is projected). */
        public String projectedX() {
            return projectedPct == null || projectedPct.signum() <= 0 ? null : capped(projectedPct);
        }

        private static String capped(BigDecimal pct) {
            BigDecimal value = pct == null || pct.signum() < 0 ? BigDecimal.ZERO : pct.min(FULL_PCT);
            return value.setScale(1, HALF_UP).toPlainString();
        }
    }

    static String level(BigDecimal pct) {
        if (pct == null) {
            return "none";
        }
        return pct.compareTo(FULL_PCT) >= 0 ? "over" : pct.compareTo(NEAR_PCT) >= 0 ? "near" : "ok";
    }

    /** One share of the unassigned line: a folder of an account. */
    record Share(long accountId, String accountName, String folder, BigDecimal jobSeconds, BigDecimal spendUsd) {
    }

    /**
     * The month on {@code /cost-centres}: every centre by name, the unassigned line, the total. The rows are made when
     * the page's table is rendered, which a kept table is not.
     */
    static final class MonthView {

        private final Showbacks.Month source;
        private List<Row> centres;
        private List<Share> largestUnassigned;

        MonthView(Showbacks.Month source) {
            this.source = source;
        }

        public YearMonth month() {
            return source.showback().month();
        }

        public boolean open() {
            return source.showback().status() == MonthStatus.OPEN;
        }

        public List<Row> centres() {
            if (centres == null) {
                centres = source.showback().centres().stream().map(Row::of).toList();
            }
            return centres;
        }

        public Row unassigned() {
            return Row.of(source.showback().unassigned());
        }

        public BigDecimal totalUsd() {
            return source.showback().totalUsd();
        }

        public BigDecimal projectedTotalUsd() {
            return source.showback().projectedTotalUsd();
        }

        /** The largest unassigned shares, at most {@value #UNASSIGNED_SHOWN}. */
        public List<Share> largestUnassigned() {
            if (largestUnassigned == null) {
                List<Share> all = new ArrayList<>();
                for (Line l : source.showback().unassigned().lines()) {
                    if (l.spendUsd().signum() != 0) {
                        all.add(new Share(l.accountId(), l.accountName(), source.folderLabel(l.accountId(), l.folderId()),
                                l.jobSeconds(), l.spendUsd()));
                    }
                }
                all.sort(Comparator.comparing(Share::spendUsd).reversed());
                largestUnassigned = List.copyOf(all.subList(0, Math.min(UNASSIGNED_SHOWN, all.size())));
            }
            return largestUnassigned;
        }

        /** Unassigned shares not among the largest shown. */
        public long unassignedMore() {
            return source.showback().unassigned().lines().stream().filter(l -> l.spendUsd().signum() != 0).count()
                    - largestUnassigned().size();
        }
    }

    /** A member of a centre as its page names it. */
    record Member(long memberId, long accountId, String accountName, String folderId, String folderName) {

        public boolean wholeAccount() {
            return folderId == null;
        }

        public String label() {
            return accountName + " \u00b7 " + (folderId == null ? "whole account" : folderName);
        }
    }

    /** One month of a centre: its row as on {@code /cost-centres}, and its spend per member (in the members' order). */
    record MonthLine(YearMonth month, MonthStatus status, Row row, List<BigDecimal> byMember) {

        public boolean open() {
            return status == MonthStatus.OPEN;
        }
    }

    /**
     * The centre's month split by member: each share goes to the member holding its folder, else to the member holding
     * its whole account (the way its owner was found).
     */
    static MonthLine monthLine(Showbacks.Month month, long centreId, List<Member> members) {
        Showback s = month.showback();
        CentreMonth mine = s.centres().stream().filter(c -> c.centre().id() == centreId).findFirst().orElse(null);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            index.put(key(m.accountId(), m.folderId()), i);
        }
        BigDecimal[] sums = new BigDecimal[members.size()];
        java.util.Arrays.fill(sums, BigDecimal.ZERO.setScale(2));
        if (mine == null) { // not in this month's showback: nothing to share
            return new MonthLine(s.month(), s.status(), new Row(centreId, "", BigDecimal.ZERO.setScale(2), null, null, null,
                    null, 0), List.of(sums));
        }
        for (Line l : mine.lines()) {
            Integer i = index.get(key(l.accountId(), l.folderId()));
            if (i == null) {
                i = index.get(key(l.accountId(), null));
            }
            if (i != null) {
                sums[i] = sums[i].add(l.spendUsd());
            }
        }
        return new MonthLine(s.month(), s.status(), Row.of(mine), List.of(sums));
    }

    private static String key(long accountId, String folderId) {
        return accountId + (folderId == null ? "" : "\u0000" + folderId);
    }

    /** An option of the "add a member" select: {@code value} is the account id, then {@code :} and the folder id for a folder. */
    record Option(String value, String label, boolean selected) {
    }

    /** The select's value of a member. */
    static String optionValue(long accountId, String folderId) {
        return folderId == null ? Long.toString(accountId) : accountId + ":" + folderId;
    }

    /** The member an option's value names; null when it names none. */
    static CostCentreInput.Member parseOption(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int colon = value.indexOf(':');
        String account = colon < 0 ? value : value.substring(0, colon);
        try {
            long id = Long.parseLong(account);
            return new CostCentreInput.Member(id, colon < 0 ? null : value.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
