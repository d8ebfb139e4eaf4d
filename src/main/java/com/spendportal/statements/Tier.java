package com.spendportal.statements;

import java.math.BigDecimal;

/** HeyGen's published usage-based tiers (DESIGN §1). */
public enum Tier {
    MMC_1000("1000.00", "0.00833", "120000", "0.01000"),
    MMC_5000("5000.00", "0.00750", "600000", "0.00833"),
    MMC_20000("20000.00", "0.00667", "2400000", "0.00750");

    public final BigDecimal mmcUsd;
    public final BigDecimal contractRatePerSecond;
    public final BigDecimal includedSecondsPerMonth;
    public final BigDecimal overageRatePerSecond;

    Tier(String mmcUsd, String contractRatePerSecond, String includedSecondsPerMonth, String overageRatePerSecond) {
        this.mmcUsd = new BigDecimal(mmcUsd);
        this.contractRatePerSecond = new BigDecimal(contractRatePerSecond);
        this.includedSecondsPerMonth = new BigDecimal(includedSecondsPerMonth);
        this.overageRatePerSecond = new BigDecimal(overageRatePerSecond);
    }

    /** A label for people, e.g. "$5,000 / month". */
    public String label() {
        return String.format("$%,d / month", mmcUsd.intValue());
    }
}
