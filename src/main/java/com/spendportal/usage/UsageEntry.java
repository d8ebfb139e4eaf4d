package com.spendportal.usage;

import com.spendportal.statements.UsageRecord;
import com.spendportal.web.DataVersion;
import com.spendportal.web.IdEntity;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

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

    /** The month as a value, for the usage page. */
    public YearMonth yearMonth() {
        return YearMonth.parse(month);
    }

    /** The account's stored rows, by month, product and kind. */
    public static List<UsageEntry> listForAccount(long accountId) {
        return list("accountId = ?1 order by month, product, kind", accountId);
    }

    public static List<UsageRecord> recordsForAccount(long accountId) {
        return records(Panache.getEntityManager().createQuery(SELECT_RECORDS + " where e.accountId = ?1"
                + " order by e.month, e.product, e.kind", Object[].class).setParameter(1, accountId).getResultList());
    }

    /** Every account's usage by account id, in one query. */
    public static Map<Long, List<UsageRecord>> recordsByAccount() {
        Map<Long, List<Object[]>> rows = new HashMap<>();
        for (Object[] r : Panache.getEntityManager().createQuery(SELECT_RECORDS + " order by e.accountId, e.month,"
                + " e.product, e.kind", Object[].class).getResultList()) {
            rows.computeIfAbsent((Long) r[4], id -> new ArrayList<>()).add(r);
        }
        Map<Long, List<UsageRecord>> records = new HashMap<>();
        rows.forEach((id, list) -> records.put(id, records(list)));
        return records;
    }

    private static final String SELECT_RECORDS = "select e.month, e.product, e.seconds, e.usd, e.accountId from UsageEntry e";

    private static List<UsageRecord> records(List<Object[]> rows) {
        List<UsageRecord> records = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            records.add(new UsageRecord(YearMonth.parse(((String) r[0]).trim()), (String) r[1], (BigDecimal) r[2],
                    (BigDecimal) r[3]));
        }
        return records;
    }

    /**
     * Stores one import: for every (month, product) it contains, whatever was stored before is
     * replaced (DESIGN §3), so importing the same file twice changes nothing. The rows are written
     * in JDBC batches. Call in a transaction.
     */
    public static void replace(long accountId, List<UsageRecord> records) {
        Set<String> keys = new LinkedHashSet<>();
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        EntityManager em = Panache.getEntityManager();
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM usage_entry WHERE account_id = ? AND usage_month = ? AND product = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO usage_entry (account_id,"
                            + " usage_month, product, kind, seconds, usd, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (UsageRecord r : records) {
                    if (keys.add(r.month() + "|" + r.product())) {
                        delete.setLong(1, accountId);
                        delete.setString(2, r.month().toString());
                        delete.setString(3, r.product());
                        delete.addBatch();
                    }
                    insert.setLong(1, accountId);
                    insert.setString(2, r.month().toString());
                    insert.setString(3, r.product());
                    insert.setString(4, r.seconds() == null ? "USD" : r.usd() == null ? "SECONDS" : "BOTH");
                    insert.setBigDecimal(5, r.seconds());
                    insert.setBigDecimal(6, r.usd());
                    insert.setObject(7, now);
                    insert.addBatch();
                }
                delete.executeBatch();
                insert.executeBatch();
            }
        });
        DataVersion.bump(accountId);
    }
}
