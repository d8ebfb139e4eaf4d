package com.spendportal.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The "what if" panel of a usage-based contract: the same usage of its CLOSED months priced on each
 * published tier, beside the contract as signed. Each tier keeps the contract's start and term, so
 * proration and rounding are those of the statement; usage recorded in dollars converts to seconds
 * at the tier's own contract rate, as it would have been metered under that tier.
 */
public final class TierComparison {

    private TierComparison() {
    }

    /**
     * The contract as signed first, then every {@link Tier}. Empty for a dollar package or when no
     * month of the term is CLOSED yet.
     */
    public static List<TierCost> compareTiers(List<UsageRecord> usage, ContractTerms terms, LocalDate asOf) {
        if (terms.model() != ContractModel.USAGE_BASED) {
            return List.of();
        }
        List<TierCost> costs = new ArrayList<>();
        costs.add(closedMonthsCost(null, terms, usage, asOf));
        for (Tier tier : Tier.values()) {
            ContractTerms tierTerms = ContractTerms.usageBased(terms.startDate(), terms.termMonths(), tier.mmcUsd,
                    tier.contractRatePerSecond, tier.includedSecondsPerMonth, null, tier.overageRatePerSecond);
            costs.add(closedMonthsCost(tier, tierTerms, usage, asOf));
        }
        if (costs.get(0).months() == 0) {
            return List.of();
        }
        BigDecimal lowest = costs.stream().map(TierCost::totalUsd).min(BigDecimal::compareTo).orElseThrow();
        return costs.stream()
                .map(c -> new TierCost(c.tier(), c.months(), c.commitmentUsd(), c.overageUsd(), c.totalUsd(),
                        c.totalUsd().compareTo(lowest) == 0))
                .toList();
    }

    private static TierCost closedMonthsCost(Tier tier, ContractTerms terms, List<UsageRecord> usage,
            LocalDate asOf) {
        List<UsageBasedMonth> closed = StatementCalculator.compute(terms, usage, List.of(), asOf).usageMonths()
                .stream().filter(m -> m.status() == MonthStatus.CLOSED).toList();
        BigDecimal commitment = closed.stream().map(UsageBasedMonth::commitmentUsd)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        BigDecimal overage = closed.stream().map(UsageBasedMonth::overageUsd)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new TierCost(tier, closed.size(), commitment, overage, commitment.add(overage), false);
    }
}
