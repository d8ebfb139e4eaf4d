package com.spendportal.contracts;

import com.spendportal.statements.ContractModel;
import com.spendportal.statements.ContractTerms;
import com.spendportal.web.Formats;

/** Contract terms in one line for people, as kept in the change history. */
public final class ContractSummary {

    private ContractSummary() {
    }

    public static String of(ContractTerms t) {
        String term = t.termMonths() + (t.termMonths() == 1 ? " month" : " months") + " from " + t.startDate()
                + " to " + t.endDate();
        if (t.model() == ContractModel.USAGE_BASED) {
            String pool = t.includedSecondsPerMonth() != null
                    ? Formats.secs(t.includedSecondsPerMonth())
                    : Formats.usd(t.includedUsdPerMonth()) + " of usage";
            return "Usage-based: MMC " + Formats.usd(t.mmcUsd()) + "/month, " + pool + " included at "
                    + Formats.rate(t.contractRatePerSecond()) + ", overage " + Formats.rate(t.overageRatePerSecond())
                    + "; " + term;
        }
        String rate = t.contractRatePerSecond() == null ? "no contract rate" : "at " + Formats.rate(t.contractRatePerSecond());
        return "Dollar package: " + Formats.usd(t.packageUsd()) + " " + rate + "; " + term;
    }
}
