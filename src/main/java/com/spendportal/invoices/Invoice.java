package com.spendportal.invoices;

import com.spendportal.accounts.Accounts;
import com.spendportal.audit.Audit;
import com.spendportal.statements.Invoices;
import com.spendportal.web.DataVersion;
import com.spendportal.web.IdEntity;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What HeyGen invoiced an account for one month, as an admin recorded it (DESIGN §16). The
 * statement holds it against the portal's own figure for the month.
 */
@Entity
@Table(name = "invoice")
public class Invoice extends IdEntity {

    public static final String TOLERANCE_KEY = "portal.reconcile.tolerance-usd";

    @Column(name = "account_id")
    public long accountId;

    /** YYYY-MM */
    @Column(name = "invoice_month", length = 7)
    public String month;

    @Column(name = "invoiced_usd", precision = 14, scale = 2)
    public BigDecimal invoicedUsd;

    public String reference;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    public static Optional<Invoice> find(long accountId, YearMonth month) {
        return find("accountId = ?1 and month = ?2", accountId, month.toString()).firstResultOptional();
    }

    public static List<Invoice> listForAccount(long accountId) {
        return list("accountId = ?1 order by month", accountId);
    }

    /**
     * The account's invoices as the statement engine takes them, with the tolerance of
     * {@code portal.reconcile.tolerance-usd}: one query.
     */
    public static Invoices forStatement(long accountId) {
        Map<YearMonth, BigDecimal> invoiced = new HashMap<>();
        for (Object[] row : Panache.getEntityManager().createQuery("select i.month, i.invoicedUsd from Invoice i"
                + " where i.accountId = ?1", Object[].class).setParameter(1, accountId).getResultList()) {
            invoiced.put(YearMonth.parse((String) row[0]), (BigDecimal) row[1]);
        }
        return new Invoices(invoiced, toleranceUsd());
    }

    /** {@code portal.reconcile.tolerance-usd}, default 1.00. */
    public static BigDecimal toleranceUsd() {
        return ConfigProvider.getConfig().getOptionalValue(TOLERANCE_KEY, BigDecimal.class)
                .orElse(Invoices.DEFAULT_TOLERANCE_USD);
    }

    /**
     * Records (or replaces) the month's invoice of a valid {@code input}, audited as {@code invoice.record}, and moves
     * the account's figures on. Call in a transaction.
     */
    public static Invoice record(long accountId, InvoiceInput input, boolean lenientAmount, String by, Audit audit) {
        YearMonth month = input.parsedMonth();
        Invoice invoice = find(accountId, month).orElseGet(Invoice::new);
        BigDecimal before = invoice.invoicedUsd;
        invoice.accountId = accountId;
        invoice.month = month.toString();
        invoice.invoicedUsd = input.amount(lenientAmount);
        invoice.reference = input.trimmedReference();
        invoice.recordedAt = Instant.now();
        invoice.recordedBy = by;
        invoice.persist();
        DataVersion.bump(accountId);
        audit.record("invoice.record", Accounts.target(accountId), Audit.detail().put("month", invoice.month)
                .change("invoicedUsd", before == null ? null : before.toPlainString(), invoice.invoicedUsd.toPlainString())
                .put("reference", invoice.reference));
        return invoice;
    }

    /** Removes the month's invoice, audited as {@code invoice.delete}; false when none was recorded. In a transaction. */
    public static boolean remove(long accountId, YearMonth month, Audit audit) {
        Optional<Invoice> found = find(accountId, month);
        if (found.isEmpty()) {
            return false;
        }
        found.get().delete();
        DataVersion.bump(accountId);
        audit.record("invoice.delete", Accounts.target(accountId), Audit.detail().put("month", month.toString())
                .put("invoicedUsd", found.get().invoicedUsd.toPlainString()));
        return true;
    }
}
