package com.spendportal.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A plan for the next contract (DESIGN §14): the basis months, every option priced on them (cheapest first, ties in
 * the order of the tie rule), the recommended option's key, the tier break-even points and, when something kept an
 * option from being priced, what is missing.
 *
 * @param packageRate       the rate package quotes without their own rate were priced at (null: none known)
 * @param currentKey        the option that is the current contract: {@code CURRENT}, a tier's key, or null
 * @param oneRateForAllSizes every package was priced at one rate, so the smallest plus top-ups costs least
 */
public record Plan(LocalDate asOf, int lookbackMonths, BigDecimal growthPct, List<BasisMonth> basisMonths,
        List<PlanOption> options, String recommended, List<BreakEven> breakEven, String missing,
        BigDecimal packageRate, String currentKey, boolean oneRateForAllSizes) {

    public Plan {
        basisMonths = List.copyOf(basisMonths);
        options = List.copyOf(options);
        breakEven = List.copyOf(breakEven);
    }

    public PlanOption option(String key) {
        return key == null ? null : options.stream().filter(o -> o.key().equals(key)).findFirst().orElse(null);
    }

    public PlanOption recommendedOption() {
        return option(recommended);
    }

    public PlanOption currentOption() {
        return option(currentKey);
    }

    /** Whether the recommendation is something other than the contract the account has now. */
    public boolean recommendsChange() {
        return recommended != null && currentKey != null && !recommended.equals(currentKey);
    }
}
