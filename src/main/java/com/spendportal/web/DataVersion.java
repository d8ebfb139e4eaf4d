package com.spendportal.web;

import io.quarkus.hibernate.orm.panache.Panache;

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

    /** {@link #bump()}, and moves on the version of one account's own figures (its statement). */
    public static void bump(long accountId) {
        Panache.getEntityManager().createNativeQuery("UPDATE account SET figures_version = figures_version + 1"
                + " WHERE id = ?1").setParameter(1, accountId).executeUpdate();
        bump();
    }

    public static long current() {
        return ((Number) Panache.getEntityManager().createNativeQuery("SELECT version FROM data_version WHERE id = 1")
                .getSingleResult()).longValue();
    }
}
