package com.spendportal.backups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the portal's data from one database to another of the same schema version, such as from
 * the embedded H2 file to PostgreSQL (DESIGN §10). Every row keeps its id, so links, caches keyed by
 * version and exported CSVs stay valid; the identity columns of the target continue after the
 * highest id. The target is emptied first and must not hold accounts unless replacing is asked for.
 * Either side may be H2 or PostgreSQL; the copy is one transaction on the target.
 */
public final class DatabaseCopy {

    /** In the order of their foreign keys. Failed logins are not carried over. */
    static final List<String> TABLES = List.of("app_user", "account", "contract", "contract_change", "usage_entry",
            "wallet_snapshot", "wallet_month", "data_version");
    static final List<String> WITH_IDENTITY = List.of("app_user", "account", "contract", "contract_change", "usage_entry",
            "wallet_snapshot");
    private static final int BATCH = 1_000;

    /** Why a copy was refused, in words for the operator. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private DatabaseCopy() {
    }

    /**
     * Copies every table and returns the rows copied per table.
     *
     * @param replace whether a target that already holds accounts may be emptied
     * @throws Refused when the schema versions differ or the target holds accounts
     */
    public static Map<String, Long> copy(Connection from, Connection to, boolean replace) throws SQLException {
        String source = schemaVersion(from);
        String target = schemaVersion(to);
        if (source == null || !source.equals(target)) {
            throw new Refused("The source database is at schema version " + source + " and the target at " + target
                    + ". Start this version of the portal once on each (which migrates it), stop it, then copy.");
        }
        boolean autoCommit = to.getAutoCommit();
        to.setAutoCommit(false);
        try {
            long accounts = count(to, "account");
            if (accounts > 0 && !replace) {
                throw new Refused("The target database already holds " + accounts + " accounts; nothing was copied."
                        + " Copy again with --replace to empty it first.");
            }
            try (Statement clear = to.createStatement()) {
                clear.executeUpdate("DELETE FROM login_failure");
                for (int i = TABLES.size() - 1; i >= 0; i--) {
                    clear.executeUpdate("DELETE FROM " + TABLES.get(i));
                }
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : TABLES) {
                copied.put(table, copyTable(from, to, table));
            }
            boolean postgres = to.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            for (String table : WITH_IDENTITY) {
                continueIdentity(to, table, postgres);
            }
            to.commit();
            return copied;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        } finally {
            to.setAutoCommit(autoCommit);
        }
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        long rows = 0;
        try (Statement read = from.createStatement()) {
            read.setFetchSize(BATCH);
            try (ResultSet source = read.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = source.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase());
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
                try (PreparedStatement write = to.prepareStatement(insert)) {
                    while (source.next()) {
                        for (int i = 1; i <= columns.size(); i++) {
                            write.setObject(i, source.getObject(i));
                        }
                        write.addBatch();
                        if (++rows % BATCH == 0) {
                            write.executeBatch();
                        }
                    }
                    write.executeBatch();
                }
            }
        }
        return rows;
    }

    private static void continueIdentity(Connection to, String table, boolean postgres) throws SQLException {
        long next;
        try (Statement max = to.createStatement(); ResultSet row = max.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
            row.next();
            next = row.getLong(1);
        }
        try (Statement restart = to.createStatement()) {
            if (postgres) {
                restart.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + next + ", false)");
            } else {
                restart.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
            }
        }
    }

    /** The version of the last migration Flyway applied, or null when it never ran there. */
    static String schemaVersion(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                // Flyway names its table and columns in quoted lower case, which H2 does not fold
                ResultSet row = query.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                        + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return null;
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}
