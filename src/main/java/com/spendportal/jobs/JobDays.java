package com.spendportal.jobs;

import com.spendportal.statements.JobMonth;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * The per-day figures of the job list ({@code job_day}, DESIGN §18): per account, UTC day of {@code completedAt},
 * folder and kind, the completed jobs and their seconds. A sync refolds the days it changed from the job rows; pages,
 * statements and the API read these rows, never the jobs.
 */
public final class JobDays {

    /** The folder of a job listed without one. */
    public static final String NO_FOLDER = "";

    /** Summed by month in the database: a year of days is twelve rows per account. */
    private static final String BY_MONTH_SELECT = "SELECT account_id, EXTRACT(YEAR FROM job_day), EXTRACT(MONTH FROM job_day),"
            + " SUM(jobs), SUM(seconds) FROM job_day";
    private static final String BY_MONTH_GROUP = " GROUP BY account_id, EXTRACT(YEAR FROM job_day), EXTRACT(MONTH FROM job_day)";

    private JobDays() {
    }

    /** One row of {@code job_day}. */
    public record Row(LocalDate day, String folderId, String kind, long jobs, BigDecimal seconds) {
    }

    /** One folder and kind's completed jobs and seconds over some days. */
    public record FolderKind(String folderId, String kind, long jobs, BigDecimal seconds) {
    }

    /** The account's completed jobs and seconds from {@code from} to {@code to} (both inclusive), by folder and kind. */
    public static List<FolderKind> byFolder(long accountId, LocalDate from, LocalDate to) {
        List<Object[]> rows = em().createNativeQuery("SELECT folder_id, kind, SUM(jobs), SUM(seconds) FROM job_day"
                + " WHERE account_id = ?1 AND job_day >= ?2 AND job_day <= ?3 GROUP BY folder_id, kind", Object[].class)
                .setParameter(1, accountId).setParameter(2, from).setParameter(3, to).getResultList();
        return rows.stream().map(r -> new FolderKind((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                seconds(r[3]).setScale(3, RoundingMode.HALF_UP))).toList();
    }

    /** The UTC day a job's seconds count on. */
    public static LocalDate dayOf(Instant completedAt) {
        return LocalDate.ofInstant(completedAt, ZoneOffset.UTC);
    }

    /**
     * Folds {@code days} of the account again from its job rows: the rows of those days are replaced by what the
     * completed jobs now say. Runs in the caller's transaction.
     */
    public static void refold(long accountId, Collection<LocalDate> days) {
        if (days.isEmpty()) {
            return;
        }
        TreeSet<LocalDate> changed = new TreeSet<>(days);
        Instant from = changed.first().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = changed.last().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        EntityManager em = em();
        List<Object[]> jobs = em.createQuery("select j.completedAt, j.folderId, j.kind, j.durationSeconds from Job j"
                + " where j.accountId = ?1 and j.status = ?2 and j.completedAt >= ?3 and j.completedAt < ?4", Object[].class)
                .setParameter(1, accountId).setParameter(2, JobStatus.COMPLETED).setParameter(3, from).setParameter(4, to)
                .getResultList();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> seconds = new HashMap<>();
        for (Object[] j : jobs) {
            LocalDate day = dayOf((Instant) j[0]);
            if (!changed.contains(day)) {
                continue;
            }
            String key = day + "\u0000" + j[1] + "\u0000" + j[2];
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            BigDecimal duration = j[3] == null ? BigDecimal.ZERO : (BigDecimal) j[3];
            seconds.merge(key, duration, BigDecimal::add);
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM job_day WHERE account_id = ? AND job_day = ?")) {
                for (LocalDate day : changed) {
                    delete.setLong(1, accountId);
                    delete.setDate(2, Date.valueOf(day));
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_day (account_id, job_day, folder_id, kind, jobs, seconds) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, long[]> e : counts.entrySet()) {
                    String[] parts = e.getKey().split("\u0000", -1);
                    insert.setLong(1, accountId);
                    insert.setDate(2, Date.valueOf(LocalDate.parse(parts[0])));
                    insert.setString(3, parts[1]);
                    insert.setString(4, parts[2]);
                    insert.setInt(5, (int) e.getValue()[0]);
                    insert.setBigDecimal(6, seconds.get(e.getKey()).setScale(3, RoundingMode.HALF_UP));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** The account's rows from {@code from} to {@code to} (both inclusive), by day, folder and kind. */
    public static List<Row> between(long accountId, LocalDate from, LocalDate to) {
        List<Object[]> rows = em().createNativeQuery("SELECT job_day, folder_id, kind, jobs, seconds FROM job_day"
                + " WHERE account_id = ?1 AND job_day >= ?2 AND job_day <= ?3 ORDER BY job_day, folder_id, kind", Object[].class)
                .setParameter(1, accountId).setParameter(2, from).setParameter(3, to).getResultList();
        return rows.stream().map(r -> new Row(localDate(r[0]), (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                seconds(r[4]))).toList();
    }

    /**
     * The account's months, or null when its jobs were never read (a statement then shows no job seconds). Two
     * small queries.
     */
    public static Map<YearMonth, JobMonth> months(long accountId) {
        if (JobSync.neverRead(accountId)) {
            return null;
        }
        List<Object[]> rows = em().createNativeQuery(BY_MONTH_SELECT + " WHERE account_id = ?1" + BY_MONTH_GROUP,
                Object[].class).setParameter(1, accountId).getResultList();
        return fold(rows).getOrDefault(accountId, new TreeMap<>());
    }

    /** Every account's months whose jobs were read (an account never read is absent). Two queries. */
    public static Map<Long, Map<YearMonth, JobMonth>> monthsByAccount() {
        Set<Long> read = new HashSet<>(JobSync.readAccounts());
        List<Object[]> rows = em().createNativeQuery(BY_MONTH_SELECT + BY_MONTH_GROUP, Object[].class).getResultList();
        Map<Long, Map<YearMonth, JobMonth>> months = fold(rows);
        Map<Long, Map<YearMonth, JobMonth>> result = new HashMap<>();
        for (Long id : read) {
            result.put(id, months.getOrDefault(id, new TreeMap<>()));
        }
        return result;
    }

    /**
     * Completed job seconds per month, account and folder (kinds together), for the months {@code from} through
     * {@code to}: the weights of showback (DESIGN §19). Summed in the database, one query.
     */
    public static Map<YearMonth, Map<Long, Map<String, BigDecimal>>> folderSeconds(YearMonth from, YearMonth to) {
        List<Object[]> rows = em().createNativeQuery("SELECT EXTRACT(YEAR FROM job_day), EXTRACT(MONTH FROM job_day),"
                + " account_id, folder_id, SUM(seconds) FROM job_day WHERE job_day >= ?1 AND job_day <= ?2"
                + " GROUP BY EXTRACT(YEAR FROM job_day), EXTRACT(MONTH FROM job_day), account_id, folder_id", Object[].class)
                .setParameter(1, from.atDay(1)).setParameter(2, to.atEndOfMonth()).getResultList();
        Map<YearMonth, Map<Long, Map<String, BigDecimal>>> result = new TreeMap<>();
        for (Object[] r : rows) {
            YearMonth month = YearMonth.of(((Number) r[0]).intValue(), ((Number) r[1]).intValue());
            result.computeIfAbsent(month, k -> new HashMap<>()).computeIfAbsent(((Number) r[2]).longValue(), k -> new HashMap<>())
                    .put((String) r[3], seconds(r[4]).setScale(3, RoundingMode.HALF_UP));
        }
        return result;
    }

    /** The names of the folders read so far, by account and folder id; a folder not read yet is absent. */
    public static Map<Long, Map<String, String>> folderNames() {
        List<Object[]> rows = em().createNativeQuery("SELECT account_id, folder_id, name FROM job_folder WHERE name IS NOT NULL",
                Object[].class).getResultList();
        Map<Long, Map<String, String>> names = new HashMap<>();
        for (Object[] r : rows) {
            names.computeIfAbsent(((Number) r[0]).longValue(), k -> new HashMap<>()).put((String) r[1], (String) r[2]);
        }
        return names;
    }

    /** How a folder is shown: its name when read, else its id; the blank folder is "No folder". */
    public static String folderLabel(Map<String, String> names, String folderId) {
        if (folderId == null || folderId.isEmpty()) {
            return "No folder";
        }
        String name = names == null ? null : names.get(folderId);
        return name == null ? folderId : name;
    }

    private static Map<Long, Map<YearMonth, JobMonth>> fold(List<Object[]> rows) {
        Map<Long, Map<YearMonth, JobMonth>> result = new HashMap<>();
        for (Object[] r : rows) {
            YearMonth month = YearMonth.of(((Number) r[1]).intValue(), ((Number) r[2]).intValue());
            result.computeIfAbsent(((Number) r[0]).longValue(), k -> new TreeMap<>()).put(month,
                    new JobMonth(((Number) r[3]).longValue(), seconds(r[4]).setScale(3, RoundingMode.HALF_UP)));
        }
        return result;
    }

    private static LocalDate localDate(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    private static BigDecimal seconds(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
