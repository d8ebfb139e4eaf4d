package com.spendportal.web;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A counter in the database that every change to what the portal computes from (accounts,
 * contracts, usage, wallet readings, refresh outcomes) moves on. A cache of computed figures keeps
 * the version it was computed at and is renewed when the counter has moved, on whichever instance
 * made the change (DESIGN §10). Each account also has its own {@code figures_version}, moved on by
 * changes to its contract, usage or readings, so that its statement is cached until it changes.
 */
public final class DataVersion {

    private DataVersion() {
    }

    /**
     * Moves the counter on. Call in the transaction that made the change, as its last statement:
     * the row stays locked until that transaction ends.
     */
    public static void bump() {
        Panache.getEntityManager().createNativeQuery("UPDATE data_version SET version = version + 1 WHERE id = 1")
                .executeUpdate();
    }

    /** An account's figures changed; observed after the transaction commits (the alert check). */
    public record AccountChanged(long accountId) {
    }

    /**
     * {@link #bump()}, and moves on the version of one account's own figures (its statement), and
     * tells {@link AccountChanged} observers.
     */
    public static void bump(long accountId) {
        Panache.getEntityManager().createNativeQuery("UPDATE account SET figures_version = figures_version + 1"
                + " WHERE id = ?1").setParameter(1, accountId).executeUpdate();
        bump();
        Arc.container().beanManager().getEvent().select(AccountChanged.class).fire(new AccountChanged(accountId));
    }

    /**
     * {@link #bump(long)} for several accounts at once: their figures versions first, in one statement (rows locked in
     * the index's order), then the counter once, last. Bumping them one by one held the counter's row while waiting for
     * the next account's, which deadlocked two changes of cost centres that shared an account.
     */
    public static void bump(java.util.Collection<Long> accountIds) {
        if (!accountIds.isEmpty()) {
            Panache.getEntityManager().createNativeQuery("UPDATE account SET figures_version = figures_version + 1"
                    + " WHERE id IN (?1)").setParameter(1, java.util.List.copyOf(new java.util.TreeSet<>(accountIds)))
                    .executeUpdate();
        }
        bump();
        var event = Arc.container().beanManager().getEvent().select(AccountChanged.class);
        accountIds.forEach(id -> event.fire(new AccountChanged(id)));
    }

    /**
     * The counter, read with plain JDBC: it is read on every view of the dashboard, where a Hibernate
     * session would cost more than the query. In a transaction the data source hands out that
     * transaction's connection.
     */
    public static long current(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT version FROM data_version WHERE id = 1");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the data version", e);
        }
    }
}
