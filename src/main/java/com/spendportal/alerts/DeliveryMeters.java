package com.spendportal.alerts;

import com.spendportal.metrics.Sampled;
import com.spendportal.web.PortalConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * {@code portal_alert_deliveries_total{kind, outcome}}, one per delivery attempt, and
 * {@code portal_alert_deliveries_pending}, the deliveries queued and not yet sent or given up. Tags never name a
 * channel: its address or URL may itself be a credential.
 */
@ApplicationScoped
class DeliveryMeters implements MeterBinder {

    /** What one attempt came to. */
    enum Outcome {
        /** Delivered: a 2xx, or a mail the SMTP server accepted. */
        SENT,
        /** Failed, and retried later. */
        RETRY,
        /** Failed for the last allowed time: given up. */
        FAILED;

        final String tag = name().toLowerCase(Locale.ROOT);

        static Outcome of(AlertDelivery.State state) {
            return switch (state) {
                case DELIVERED -> SENT;
                case PENDING -> RETRY;
                case FAILED -> FAILED;
            };
        }
    }

    private static final String PENDING = "SELECT COUNT(*) FROM alert_delivery WHERE state = 'PENDING'";

    @Inject
    DataSource dataSource;

    @Inject
    PortalConfig config;

    private final Counter[][] attempts = new Counter[NotificationChannel.Kind.values().length][Outcome.values().length];
    private final Sampled<Long> pending = Sampled.of("the pending alert deliveries", () -> config.metrics().gaugeMaxAge(),
            this::countPending);

    @Override
    public void bindTo(MeterRegistry registry) {
        for (NotificationChannel.Kind kind : NotificationChannel.Kind.values()) {
            for (Outcome outcome : Outcome.values()) {
                attempts[kind.ordinal()][outcome.ordinal()] = Counter.builder("portal.alert.deliveries")
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome.tag)
                        .description("Alert delivery attempts by channel kind and outcome").register(registry);
            }
        }
        Gauge.builder("portal.alert.deliveries.pending", pending, p -> {
            Long count = p.get();
            return count == null ? Double.NaN : count;
        }).description("Alert deliveries queued and not yet delivered or given up").register(registry);
    }

    /** One attempt to a channel of {@code kind} that left its delivery in {@code state}. */
    void attempted(NotificationChannel.Kind kind, AlertDelivery.State state) {
        Counter counter = attempts[kind.ordinal()][Outcome.of(state).ordinal()];
        if (counter != null) {
            counter.increment();
        }
    }

    private long countPending() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(PENDING);
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the pending alert deliveries", e);
        }
    }
}
