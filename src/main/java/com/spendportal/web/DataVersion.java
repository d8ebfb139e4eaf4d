package com.spendportal.web;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * A counter in the database that every change to what the portal computes from (accounts,
 * contracts, usage, wallet readings, refresh outcomes) moves on. A cache of computed figures keeps
 * the version it was computed at and is renewed when the counter has moved, on whichever instance
 * made the change (DESIGN §10).
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

    public static long current() {
        return ((Number) Panache.getEntityManager().createNativeQuery("SELECT version FROM data_version WHERE id = 1")
                .getSingleResult()).longValue();
    }
}
