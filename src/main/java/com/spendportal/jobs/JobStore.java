package com.spendportal.jobs;

import com.spendportal.jobs.JobListing.Listed;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Stores what a sync read, one page (or one job asked for by id) per transaction, which the caller opens: the job rows
 * (plain JDBC batches: a first sync stores thousands), their folders, the {@code job_day} rows of the days that
 * changed (a changed job's old and new day), the first read and the data version. Nothing here asks HeyGen.
 */
final class JobStore {

    private static final String COLUMNS = "job_id, status, created_at, completed_at, duration_seconds, folder_id, kind, title";

    private JobStore() {
    }

    /**
     * What storing a page did.
     *
     * @param fresh     the page's jobs that this sync had not met before (each job counts once per sync)
     * @param known     every job of the page was already stored in the same final state and created no later than
     *                  the mark: the walk ends here (DESIGN §18)
     */
    record Stored(List<String> fresh, int created, int updated, boolean known) {
    }

    /**
     * Stores {@code listed} for the account: new jobs are inserted, changed ones updated, the days they touch refolded.
     * Jobs in {@code seen} (met earlier in this sync) are left as the first sighting stored them. In the caller's
     * transaction; {@code seen} is not changed (the transaction may be tried again).
     */
    static Stored page(long accountId, List<Listed> listed, Set<String> seen, Instant mark, Instant now) {
        lockAccount(accountId);
        Map<String, Listed> fresh = new LinkedHashMap<>();
        for (Listed job : listed) {
            if (!seen.contains(job.jobId())) {
                fresh.putIfAbsent(job.jobId(), job);
            }
        }
        Map<String, Listed> stored = stored(accountId, listed.stream().map(Listed::jobId).distinct().toList());
        boolean known = mark != null && !listed.isEmpty() && listed.stream().allMatch(job -> sameFinal(stored.get(job.jobId()), job)
                && !job.createdAt().isAfter(mark));
        List<Listed> inserts = new ArrayList<>();
        List<Listed> updates = new ArrayList<>();
        Set<LocalDate> days = new TreeSet<>();
        for (Listed job : fresh.values()) {
            Listed before = stored.get(job.jobId());
            if (before == null) {
                inserts.add(job);
            } else if (!before.equals(job)) {
                updates.add(job);
                addDay(days, before);
            } else {
                continue;
            }
            addDay(days, job);
        }
        boolean firstRead = work(connection -> {
            write(connection, accountId, inserts, updates, now);
            folders(connection, accountId, fresh.values().stream().map(Listed::folderId)
                    .filter(f -> !JobDays.NO_FOLDER.equals(f)).distinct().toList());
            try (PreparedStatement first = connection.prepareStatement(
                    "UPDATE job_sync SET first_read_at = ? WHERE account_id = ? AND first_read_at IS NULL")) {
                first.setObject(1, timestamp(now));
                first.setLong(2, accountId);
                return first.executeUpdate() > 0;
            }
        });
        JobDays.refold(accountId, days);
        if (firstRead || !inserts.isEmpty() || !updates.isEmpty()) {
            DataVersion.bump(accountId);
        }
        return new Stored(List.copyOf(fresh.keySet()), inserts.size(), updates.size(), known);
    }

    /**
     * Locks the account's row first, as every transaction that changes an account's figures does (its figures version,
     * then the data version last): a job row's foreign key would otherwise take a share lock on the row, and moving
     * the figures version after it upgrade that lock, which deadlocked against deleting the account on PostgreSQL.
     * Fails when the account was deleted meanwhile.
     */
    private static void lockAccount(long accountId) {
        boolean exists = work(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM account WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, accountId);
                try (ResultSet row = lock.executeQuery()) {
                    return row.next();
                }
            }
        });
        if (!exists) {
            throw new IllegalStateException("account " + accountId + " was deleted meanwhile");
        }
    }

    /** Notes that the sync asked for the job by id, whatever HeyGen answered; in the caller's transaction. */
    static void lookedUp(long accountId, String jobId, Instant now) {
        work(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE job SET looked_up_at = ? WHERE account_id = ? AND job_id = ?")) {
                update.setObject(1, timestamp(now));
                update.setLong(2, accountId);
                update.setString(3, jobId);
                return update.executeUpdate();
            }
        });
    }

    /** The account's pending and processing jobs, least recently asked for by id first (then the newest). */
    static List<String> unfinished(long accountId) {
        return work(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT job_id FROM job WHERE account_id = ?"
                    + " AND status IN (?, ?) ORDER BY looked_up_at NULLS FIRST, created_at DESC, job_id")) {
                query.setLong(1, accountId);
                query.setString(2, JobStatus.PENDING);
                query.setString(3, JobStatus.PROCESSING);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Folders whose name was never read or was read before {@code readBefore}, least recently read first. */
    static List<String> foldersToRead(long accountId, Instant readBefore, int max) {
        return work(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT folder_id FROM job_folder WHERE account_id = ?"
                    + " AND (read_at IS NULL OR read_at < ?) ORDER BY read_at NULLS FIRST, folder_id")) {
                query.setLong(1, accountId);
                query.setObject(2, timestamp(readBefore));
                query.setMaxRows(max);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /**
     * Records that a folder was read at {@code now}; with {@code rename}, its name becomes {@code name} (null: shown
     * by its id). Moves the data version when the name changed. In the caller's transaction.
     */
    static void folderRead(long accountId, String folderId, boolean rename, String name, Instant now) {
        lockAccount(accountId);
        boolean renamed = work(connection -> {
            String before = null;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name FROM job_folder WHERE account_id = ? AND folder_id = ?")) {
                query.setLong(1, accountId);
                query.setString(2, folderId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    before = row.getString(1);
                }
            }
            boolean changed = rename && !Objects.equals(before, name);
            try (PreparedStatement update = connection.prepareStatement("UPDATE job_folder SET read_at = ?"
                    + (changed ? ", name = ?" : "") + " WHERE account_id = ? AND folder_id = ?")) {
                int i = 1;
                update.setObject(i++, timestamp(now));
                if (changed) {
                    update.setString(i++, name);
                }
                update.setLong(i++, accountId);
                update.setString(i, folderId);
                update.executeUpdate();
            }
            return changed;
        });
        if (renamed) {
            DataVersion.bump(accountId);
        }
    }

    /** Completed with the same duration, or failed, as stored: the sync has nothing to change. */
    private static boolean sameFinal(Listed stored, Listed listed) {
        if (stored == null || !listed.isFinal() || !stored.status().equals(listed.status())) {
            return false;
        }
        return !JobStatus.COMPLETED.equals(listed.status())
                || stored.durationSeconds() != null && stored.durationSeconds().compareTo(listed.durationSeconds()) == 0;
    }

    private static void addDay(Set<LocalDate> days, Listed job) {
        if (JobStatus.COMPLETED.equals(job.status()) && job.completedAt() != null) {
            days.add(JobDays.dayOf(job.completedAt()));
        }
    }

    /** The stored rows of these jobs, as {@link Listed} (so a changed job is one that is not equal). */
    private static Map<String, Listed> stored(long accountId, List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return work(connection -> {
            Map<String, Listed> rows = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM job WHERE account_id = ?"
                    + " AND job_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")")) {
                query.setLong(1, accountId);
                for (int i = 0; i < ids.size(); i++) {
                    query.setString(i + 2, ids.get(i));
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        BigDecimal duration = row.getBigDecimal(5);
                        rows.put(row.getString(1), new Listed(row.getString(1), row.getString(2), instant(row, 3), instant(row, 4),
                                duration == null ? null : duration.setScale(3), row.getString(6), row.getString(7),
                                row.getString(8)));
                    }
                }
            }
            return rows;
        });
    }

    private static void write(Connection connection, long accountId, List<Listed> inserts, List<Listed> updates, Instant now)
            throws SQLException {
        if (!inserts.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job (account_id, " + COLUMNS
                    + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Listed job : inserts) {
                    insert.setLong(1, accountId);
                    bind(insert, 2, job);
                    insert.setObject(10, timestamp(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE job SET job_id = ?, status = ?, created_at = ?,"
                    + " completed_at = ?, duration_seconds = ?, folder_id = ?, kind = ?, title = ?, updated_at = ?"
                    + " WHERE account_id = ? AND job_id = ?")) {
                for (Listed job : updates) {
                    bind(update, 1, job);
                    update.setObject(9, timestamp(now));
                    update.setLong(10, accountId);
                    update.setString(11, job.jobId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    /** The job's 8 columns from {@code first} on, in the order of {@link #COLUMNS}. */
    private static void bind(PreparedStatement statement, int first, Listed job) throws SQLException {
        statement.setString(first, job.jobId());
        statement.setString(first + 1, job.status());
        statement.setObject(first + 2, timestamp(job.createdAt()));
        if (job.completedAt() == null) {
            statement.setNull(first + 3, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(first + 3, timestamp(job.completedAt()));
        }
        statement.setBigDecimal(first + 4, job.durationSeconds());
        statement.setString(first + 5, job.folderId());
        statement.setString(first + 6, job.kind());
        statement.setString(first + 7, job.title());
    }

    /** A row in {@code job_folder} for each folder not there yet (its name is read after the sync). */
    private static void folders(Connection connection, long accountId, Collection<String> folderIds) throws SQLException {
        if (folderIds.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>(folderIds);
        try (PreparedStatement query = connection.prepareStatement("SELECT folder_id FROM job_folder WHERE account_id = ?"
                + " AND folder_id IN (" + String.join(", ", java.util.Collections.nCopies(missing.size(), "?")) + ")")) {
            query.setLong(1, accountId);
            for (int i = 0; i < missing.size(); i++) {
                query.setString(i + 2, missing.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    missing.remove(row.getString(1));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job_folder (account_id, folder_id) VALUES (?, ?)")) {
            for (String folderId : missing) {
                insert.setLong(1, accountId);
                insert.setString(2, folderId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <T> T work(org.hibernate.jdbc.ReturningWork<T> work) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(work);
    }
}
