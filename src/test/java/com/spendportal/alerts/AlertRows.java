package com.spendportal.alerts;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The rows a delivery test needs, each in its own transaction, and waiting for the queue. */
@ApplicationScoped
class AlertRows {

    @Inject
    ApiKeyCipher cipher;

    @Inject
    Deliveries deliveries;

    Account account(String name, String apiKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = new Account();
            account.name = name + " " + UUID.randomUUID().toString().substring(0, 8);
            account.createdAt = Instant.now();
            if (apiKey != null) {
                account.setApiKey(apiKey, cipher);
            }
            account.persist();
            return account;
        });
    }

    NotificationChannel channel(NotificationChannel.Kind kind, String target, String secret) {
        return QuarkusTransaction.requiringNew().call(() -> {
            NotificationChannel channel = new NotificationChannel();
            channel.kind = kind;
            channel.target = target;
            channel.secret = secret;
            channel.createdAt = Instant.now();
            channel.createdBy = "test";
            channel.persist();
            return channel;
        });
    }

    /** A POOL_80 alert of the account firing now, queued to every channel as one event; returns its id. */
    Alert fire(Account account, String message) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Alert alert = new Alert();
            alert.accountId = account.id;
            alert.type = Alert.Type.POOL_80;
            alert.period = "2026-11";
            alert.state = Alert.State.FIRING;
            alert.message = message;
            alert.firedAt = Instant.now();
            alert.persist();
            deliveries.enqueue(alert, account.name, AlertDelivery.FIRED);
            return alert;
        });
    }

    Alert resolve(Alert fired, String accountName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Alert alert = Alert.findById(fired.id);
            alert.state = Alert.State.RESOLVED;
            alert.resolvedAt = Instant.now();
            deliveries.enqueue(alert, accountName, AlertDelivery.RESOLVED);
            return alert;
        });
    }

    AlertDelivery test(NotificationChannel channel) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.enqueueTest(NotificationChannel.findById(channel.id)));
    }

    static AlertDelivery delivery(long alertId, long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> AlertDelivery.<AlertDelivery>find("alertId = ?1 and channelId = ?2",
                alertId, channelId).singleResult());
    }

    static AlertDelivery delivery(long id) {
        return QuarkusTransaction.requiringNew().call(() -> AlertDelivery.<AlertDelivery>findById(id));
    }

    static List<AlertDelivery> deliveriesTo(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> AlertDelivery.<AlertDelivery>list("channelId = ?1 order by id",
                channelId));
    }

    /** Runs the worker until the delivery is no longer PENDING (or the time is up); returns it. */
    AlertDelivery deliverUntilSettled(long deliveryId, Duration within) {
        Instant deadline = Instant.now().plus(within);
        AlertDelivery delivery = delivery(deliveryId);
        while (delivery.state == AlertDelivery.State.PENDING && Instant.now().isBefore(deadline)) {
            deliveries.deliverDue();
            pause(Duration.ofMillis(100));
            delivery = delivery(deliveryId);
        }
        return delivery;
    }

    /** Runs the worker until the delivery has had {@code attempts} attempts or is no longer PENDING (within 10 s). */
    AlertDelivery deliverUntilAttempted(long deliveryId, int attempts) {
        Instant deadline = Instant.now().plusSeconds(10);
        AlertDelivery delivery = delivery(deliveryId);
        while (delivery.state == AlertDelivery.State.PENDING && delivery.attempts < attempts
                && Instant.now().isBefore(deadline)) {
            deliveries.deliverDue();
            pause(Duration.ofMillis(100));
            delivery = delivery(deliveryId);
        }
        return delivery;
    }

    /** Removes the channels (their deliveries go with them), so that nothing more is sent to them. */
    static void remove(NotificationChannel... channels) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (NotificationChannel channel : channels) {
                AlertDelivery.delete("channelId", channel.id);
                NotificationChannel.deleteById(channel.id);
            }
        });
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
