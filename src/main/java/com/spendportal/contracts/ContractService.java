package com.spendportal.contracts;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.Accounts;
import com.spendportal.audit.Audit;
import com.spendportal.statements.ContractTerms;
import com.spendportal.web.DataVersion;
import com.spendportal.web.Formats;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.StaleStateException;

/**
 * Saves contract terms and their history together, refusing a save that was based on terms
 * someone else has changed meanwhile.
 */
@ApplicationScoped
public class ContractService {

    @Inject
    Audit audit;

    /** The terms changed since the form was loaded; nothing was written. */
    public static class ConflictException extends RuntimeException {
        public final String currentVersion;

        ConflictException(String message, String currentVersion) {
            super(message, null, false, false);
            this.currentVersion = currentVersion;
        }
    }

    /**
     * @param expectedVersion the version the editor started from; null when they started from no
     *                        contract; ignored (last write wins) when {@code checkVersion} is false
     */
    public Contract save(long accountId, ContractTerms terms, Integer expectedVersion, String username) {
        return save(accountId, terms, expectedVersion, true, username);
    }

    /** For the API: the caller sends complete terms and the last write wins. */
    public Contract replace(long accountId, ContractTerms terms, String username) {
        return save(accountId, terms, null, false, username);
    }

    private Contract save(long accountId, ContractTerms terms, Integer expectedVersion, boolean checkVersion, String username) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Account account = Account.findById(accountId);
                Contract contract = Contract.findByAccount(account).orElse(null);
                if (checkVersion) {
                    Integer current = contract == null ? null : contract.version;
                    if (!Objects.equals(current, expectedVersion)) {
                        throw conflict(contract);
                    }
                }
                String before = contract == null ? null : ContractSummary.of(contract.terms());
                if (contract == null) {
                    contract = new Contract();
                    contract.account = account;
                }
                contract.apply(terms);
                contract.updatedAt = Instant.now();
                contract.updatedBy = username;
                contract.persistAndFlush();
                ContractChange change = new ContractChange();
                change.accountId = accountId;
                change.changedAt = contract.updatedAt;
                change.changedBy = username;
                change.oldTerms = before;
                change.newTerms = ContractSummary.of(terms);
                change.persist();
                DataVersion.bump(accountId);
                audit.record("contract.update", Accounts.target(accountId), Audit.detail().put("account", account.name)
                        .put("version", contract.version).change("terms", before, change.newTerms));
                return contract;
            });
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConflictException conflict) {
                    throw conflict;
                }
                if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                    throw QuarkusTransaction.requiringNew().call(() -> conflict(Contract.findByAccountId(accountId).orElse(null)));
                }
            }
            throw e;
        }
    }

    private static ConflictException conflict(Contract current) {
        if (current == null) {
            return new ConflictException("These terms were deleted while you were editing. Nothing was saved.", "");
        }
        return new ConflictException("Someone else (" + current.updatedBy + ", " + Formats.label(current.updatedAt)
                + ") saved these terms while you were editing, so your change was not saved. The current terms are: "
                + ContractSummary.of(current.terms()) + ". Save again to replace them with what is in the form.",
                Integer.toString(current.version));
    }
}
