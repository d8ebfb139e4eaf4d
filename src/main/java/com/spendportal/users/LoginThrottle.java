package com.spendportal.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Slows down password guessing per username: after {@value #FREE_FAILURES} failures in a row the
 * username is locked for a minute, doubling with every further failure up to 15 minutes. Unknown
 * usernames are locked the same way, so a lock says nothing about who exists.
 *
 * <p>Failures are counted in the database (table {@code login_failure}), so every instance on it
 * sees the same count and lock. A name whose last failure is a day old starts again from zero.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    @Inject
    DataSource dataSource;

    public boolean isLocked(String username, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT locked_until FROM login_failure WHERE name_hash = ?")) {
            query.setString(1, hash(username));
            try (ResultSet row = query.executeQuery()) {
                OffsetDateTime until = row.next() ? row.getObject(1, OffsetDateTime.class) : null;
                return until != null && now.isBefore(until.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read failed logins", e);
        }
    }

    /** Counts a failure; the row is locked while it is counted, so failures on two instances both count. */
    public void failed(String username, Instant now) {
        String key = hash(username);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                connection.setAutoCommit(false);
                if (update(connection, "UPDATE login_failure SET failures = CASE WHEN last_failure_at < ? THEN 1"
                        + " ELSE failures + 1 END, last_failure_at = ? WHERE name_hash = ?", at(now.minus(FORGET_AFTER)),
                        at(now), key) == 0) {
                    update(connection, "DELETE FROM login_failure WHERE last_failure_at < ?", at(now.minus(FORGET_AFTER)));
                    try {
                        update(connection, "INSERT INTO login_failure (name_hash, failures, last_failure_at) VALUES (?, 1, ?)",
                                key, at(now));
                    } catch (SQLException duplicate) {
                        // another instance counted the first failure at the same moment: count on top of it
                        connection.rollback();
                        update(connection, "UPDATE login_failure SET failures = failures + 1, last_failure_at = ?"
                                + " WHERE name_hash = ?", at(now), key);
                    }
                }
                int failures;
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT failures FROM login_failure WHERE name_hash = ?")) {
                    query.setString(1, key);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        failures = row.getInt(1);
                    }
                }
                if (failures >= FREE_FAILURES) {
                    update(connection, "UPDATE login_failure SET locked_until = ? WHERE name_hash = ?",
                            at(now.plus(lock(failures))), key);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count a failed login", e);
        }
    }

    public void succeeded(String username) {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, "DELETE FROM login_failure WHERE name_hash = ?", hash(username));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear failed logins", e);
        }
    }

    /** How long the name is locked after this many failures in a row. */
    static Duration lock(int failures) {
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 10));
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String hash(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
