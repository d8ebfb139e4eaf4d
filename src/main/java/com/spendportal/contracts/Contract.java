package com.spendportal.contracts;

import com.spendportal.accounts.Account;
import com.spendportal.statements.ContractModel;
import com.spendportal.statements.ContractTerms;
import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The contract terms of one account; at most one per account, its changes kept in {@link ContractChange}. */
@Entity
public class Contract extends IdEntity {

    @OneToOne
    @JoinColumn(name = "account_id")
    public Account account;

    @Enumerated(EnumType.STRING)
    public ContractModel model;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "term_months")
    public int termMonths;

    @Column(name = "mmc_usd", precision = 14, scale = 2)
    public BigDecimal mmcUsd;

    @Column(name = "contract_rate_per_second", precision = 12, scale = 6)
    public BigDecimal contractRatePerSecond;

    @Column(name = "included_seconds_per_month", precision = 18, scale = 3)
    public BigDecimal includedSecondsPerMonth;

    @Column(name = "included_usd_per_month", precision = 14, scale = 2)
    public BigDecimal includedUsdPerMonth;

    @Column(name = "overage_rate_per_second", precision = 12, scale = 6)
    public BigDecimal overageRatePerSecond;

    @Column(name = "package_usd", precision = 14, scale = 2)
    public BigDecimal packageUsd;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public int version;

    public static Optional<Contract> findByAccount(Account account) {
        return find("account", account).firstResultOptional();
    }

    public static Optional<Contract> findByAccountId(long accountId) {
        return find("account.id", accountId).firstResultOptional();
    }

    /** Every contract by its account's id, in one query. */
    public static Map<Long, Contract> byAccountId() {
        Map<Long, Contract> contracts = new HashMap<>();
        for (Contract c : Contract.<Contract>listAll()) {
            contracts.put(c.account.id, c);
        }
        return contracts;
    }

    public ContractTerms terms() {
        return new ContractTerms(model, startDate, termMonths, mmcUsd, contractRatePerSecond,
                includedSecondsPerMonth, includedUsdPerMonth, overageRatePerSecond, packageUsd);
    }

    public void apply(ContractTerms terms) {
        model = terms.model();
        startDate = terms.startDate();
        termMonths = terms.termMonths();
        mmcUsd = terms.mmcUsd();
        contractRatePerSecond = terms.contractRatePerSecond();
        includedSecondsPerMonth = terms.includedSecondsPerMonth();
        includedUsdPerMonth = terms.includedUsdPerMonth();
        overageRatePerSecond = terms.overageRatePerSecond();
        packageUsd = terms.packageUsd();
    }
}
