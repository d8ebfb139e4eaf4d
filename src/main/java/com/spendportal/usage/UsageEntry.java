package com.spendportal.usage;

import com.spendportal.statements.UsageRecord;
import com.spendportal.web.IdEntity;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Stored usage of one account for one month and product (one row per kind: seconds, usd or both). */
@Entity
@Table(name = "usage_entry")
public class UsageEntry extends IdEntity {

    @Column(name = "account_id")
    public long accountId;

    /** YYYY-MM */
    @Column(name = "usage_month", length = 7)
    public String month;

    public String product;

    /** SECONDS, USD or BOTH: which figures the imported records gave. */
    public String kind;

    @Column(precision = 18, scale = 3)
    public BigDecimal seconds;

    @Column(precision = 14, scale = 2)
    public BigDecimal usd;

    @Column(name = "imported_at")
    public Instant importedAt;

    public YearMonth yearMonth() {
        return YearMonth.parse(month);
    }

    public UsageRecord toRecord() {
        return new UsageRecord(YearMonth.parse(month), product, seconds, usd);
    }

    public static List<UsageRecord> recordsForAccount(long accountId) {
        return UsageEntry.<UsageEntry>list("accountId = ?1 order by month, product, kind", accountId).stream()
                .map(UsageEntry::toRecord).toList();
    }

    public static List<UsageEntry> listForAccounts(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId in ?1", accountIds);
    }

    /**
     * Stores one import: for every (month, product) it contains, whatever was stored before is
     * replaced (DESIGN §3), so importing the same file twice changes nothing. Call in a transaction.
     */
    public static void replace(long accountId, List<UsageRecord> records) {
        Set<String> keys = new LinkedHashSet<>();
        for (UsageRecord r : records) {
            if (keys.add(r.month() + "|" + r.product())) {
                delete("accountId = ?1 and month = ?2 and product = ?3", accountId, r.month().toString(), r.product());
            }
        }
        Panache.getEntityManager().flush();
        Instant now = Instant.now();
        for (UsageRecord r : records) {
            UsageEntry entry = new UsageEntry();
            entry.accountId = accountId;
            entry.month = r.month().toString();
            entry.product = r.product();
            entry.kind = r.seconds() == null ? "USD" : r.usd() == null ? "SECONDS" : "BOTH";
            entry.seconds = r.seconds();
            entry.usd = r.usd();
            entry.importedAt = now;
            entry.persist();
        }
    }
}
