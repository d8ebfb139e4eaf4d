package com.spendportal.statements;

import java.math.BigDecimal;

/**
 * What the CLOSED months of a usage-based contract cost, or would have cost, on one set of terms:
 * {@code tier} is a published tier, or null for the contract as signed. {@code months} is how many
 * CLOSED months were compared; {@code cheapest} marks the lowest total (ties all marked).
 */
public record TierCost(Tier tier, int months, BigDecimal commitmentUsd, BigDecimal overageUsd,
        BigDecimal totalUsd, boolean cheapest) {

    public boolean actualContract() {
        return tier == null;
    }
}
