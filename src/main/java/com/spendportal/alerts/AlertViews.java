package com.spendportal.alerts;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * The alerts and deliveries the alerts page and the API show, each list in one query with the names of the accounts
 * and cost centres they are about.
 */
final class AlertViews {

    private AlertViews() {
    }

    /** An alert with its account's name, or its cost centre's. */
    record Line(Alert alert, String accountName, String costCentreName) {

        AlertJson json() {
            return AlertJson.of(alert, accountName, costCentreName);
        }

        /** The account's name, or "Cost centre" and the centre's name. */
        public String name() {
            return alert.costCentreId != null ? "Cost centre " + costCentreName : accountName;
        }
    }

    /**
     * A delivery with its channel (null for one to a cost centre owner's address) and, unless it was a test or a mail
     * of the month, its alert and the name of what it is about.
     */
    record DeliveryLine(AlertDelivery delivery, NotificationChannel channel, Alert alert, String accountName,
            String costCentreName) {

        /** Where it went: the channel as shown, or the owner's address. */
        public String to() {
            return channel != null ? channel.shown() : delivery.toAddress + " (cost centre owner)";
        }

        public String name() {
            return alert != null && alert.costCentreId != null ? "cost centre " + costCentreName : accountName;
        }
    }

    /** Alerts newest change first, optionally of one state and one account. */
    static List<Line> list(Alert.State state, Long accountId, int limit) {
        TypedQuery<Object[]> query = Panache.getEntityManager().createQuery("select a, acc.name, cc.name from Alert a"
                + " left join Account acc on acc.id = a.accountId left join CostCentre cc on cc.id = a.costCentreId"
                + " where 1 = 1" + (state == null ? "" : " and a.state = :state")
                + (accountId == null ? "" : " and a.accountId = :account")
                + " order by coalesce(a.resolvedAt, a.firedAt) desc, a.id desc", Object[].class).setMaxResults(limit);
        if (state != null) {
            query.setParameter("state", state);
        }
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        return query.getResultList().stream().map(r -> new Line((Alert) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** The latest deliveries, newest first, optionally of one account's alerts. */
    static List<DeliveryLine> deliveries(Long accountId, int limit) {
        TypedQuery<Object[]> query = Panache.getEntityManager().createQuery("select d, c, a, acc.name, cc.name from AlertDelivery d"
                + " left join NotificationChannel c on c.id = d.channelId left join Alert a on a.id = d.alertId"
                + " left join Account acc on acc.id = a.accountId left join CostCentre cc on cc.id = a.costCentreId"
                + (accountId == null ? "" : " where a.accountId = :account")
                + " order by d.id desc", Object[].class).setMaxResults(limit);
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        return query.getResultList().stream().map(r -> new DeliveryLine((AlertDelivery) r[0], (NotificationChannel) r[1],
                (Alert) r[2], (String) r[3], (String) r[4])).toList();
    }
}
