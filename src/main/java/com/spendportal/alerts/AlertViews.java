package com.spendportal.alerts;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.TypedQuery;
import java.util.List;

/** The alerts and deliveries the alerts page and the API show, each list in one query with account names. */
final class AlertViews {

    private AlertViews() {
    }

    /** An alert with its account's name. */
    record Line(Alert alert, String accountName) {

        AlertJson json() {
            return AlertJson.of(alert, accountName);
        }
    }

    /** A delivery with its channel and, unless it was a test, its alert and account name. */
    record DeliveryLine(AlertDelivery delivery, NotificationChannel channel, Alert alert, String accountName) {
    }

    /** Alerts newest change first, optionally of one state and one account. */
    static List<Line> list(Alert.State state, Long accountId, int limit) {
        TypedQuery<Object[]> query = Panache.getEntityManager().createQuery("select a, acc.name from Alert a, Account acc"
                + " where acc.id = a.accountId" + (state == null ? "" : " and a.state = :state")
                + (accountId == null ? "" : " and a.accountId = :account")
                + " order by coalesce(a.resolvedAt, a.firedAt) desc, a.id desc", Object[].class).setMaxResults(limit);
        if (state != null) {
            query.setParameter("state", state);
        }
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        return query.getResultList().stream().map(r -> new Line((Alert) r[0], (String) r[1])).toList();
    }

    /** The latest deliveries, newest first, optionally of one account's alerts. */
    static List<DeliveryLine> deliveries(Long accountId, int limit) {
        TypedQuery<Object[]> query = Panache.getEntityManager().createQuery("select d, c, a, acc.name from AlertDelivery d"
                + " join NotificationChannel c on c.id = d.channelId left join Alert a on a.id = d.alertId"
                + " left join Account acc on acc.id = a.accountId" + (accountId == null ? "" : " where a.accountId = :account")
                + " order by d.id desc", Object[].class).setMaxResults(limit);
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        return query.getResultList().stream()
                .map(r -> new DeliveryLine((AlertDelivery) r[0], (NotificationChannel) r[1], (Alert) r[2], (String) r[3]))
                .toList();
    }
}
