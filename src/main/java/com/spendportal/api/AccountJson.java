package com.spendportal.api;

import com.spendportal.accounts.Account;
import com.spendportal.contracts.Contract;
import com.spendportal.contracts.ContractInput;
import com.spendportal.statements.ContractModel;
import com.spendportal.wallet.WalletSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shape of an account (DESIGN §7). The API key itself never appears, only its last 4 characters. */
@Schema(name = "Account")
record AccountJson(long id, String name, String apiKeyLast4, boolean demo, BigDecimal lowBalanceThresholdUsd,
        ContractJson contract, SnapshotJson latestSnapshot, LastRefresh lastRefresh) {

    @Schema(name = "Contract")
    record ContractJson(ContractModel model, LocalDate startDate, int termMonths, LocalDate endDate, BigDecimal mmcUsd,
            BigDecimal contractRatePerSecond, BigDecimal includedSecondsPerMonth, BigDecimal includedUsdPerMonth,
            BigDecimal overageRatePerSecond, BigDecimal packageUsd, int version, Instant updatedAt, String updatedBy,
            List<String> warnings) {

        static ContractJson of(Contract c) {
            return c == null ? null : new ContractJson(c.model, c.startDate, c.termMonths, c.terms().endDate(), c.mmcUsd,
                    c.contractRatePerSecond, c.includedSecondsPerMonth, c.includedUsdPerMonth, c.overageRatePerSecond,
                    c.packageUsd, c.version, c.updatedAt, c.updatedBy, ContractInput.warnings(c.terms()));
        }
    }

    @Schema(name = "WalletSnapshot")
    record SnapshotJson(Instant fetchedAt, String source, String billingType, String currency, BigDecimal remainingBalance,
            Boolean autoReloadEnabled, BigDecimal autoReloadThresholdUsd, BigDecimal autoReloadAmountUsd,
            BigDecimal spendingCurrentUsd, BigDecimal spendingCapUsd, String subscriptionPlan) {

        static SnapshotJson of(WalletSnapshot s) {
            return s == null ? null : new SnapshotJson(s.fetchedAt, s.source.name(), s.billingType, s.currency,
                    s.remainingBalance, s.autoReloadEnabled, s.autoReloadThresholdUsd, s.autoReloadAmountUsd,
                    s.spendingCurrentUsd, s.spendingCapUsd, s.subscriptionPlan);
        }
    }

    /** When the live wallet was last asked for, and what went wrong if it failed. */
    record LastRefresh(Instant at, boolean ok, String errorCode, String error) {

        static LastRefresh of(Account a) {
            return a.lastRefreshAt == null ? null
                    : new LastRefresh(a.lastRefreshAt, a.lastRefreshErrorCode == null, a.lastRefreshErrorCode, a.lastRefreshError);
        }
    }

    static AccountJson of(Account a, Contract contract, WalletSnapshot latest) {
        return new AccountJson(a.id, a.name, a.apiKeyLast4, a.demo, a.lowBalanceThresholdUsd, ContractJson.of(contract),
                SnapshotJson.of(latest), LastRefresh.of(a));
    }
}
