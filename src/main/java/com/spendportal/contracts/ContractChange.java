package com.spendportal.contracts;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One change of an account's contract terms: who, when, the terms before and after. */
@Entity
@Table(name = "contract_change")
public class ContractChange extends IdEntity {

    @Column(name = "account_id")
    public long accountId;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** A one-line summary of the terms for people ({@link ContractSummary}); null for the first entry. */
    @Column(name = "old_terms")
    public String oldTerms;

    @Column(name = "new_terms")
    public String newTerms;

    public static List<ContractChange> listForAccount(long accountId) {
        return list("accountId = ?1 order by changedAt desc, id desc", accountId);
    }
}
