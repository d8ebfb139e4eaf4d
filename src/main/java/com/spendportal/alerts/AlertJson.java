package com.spendportal.alerts;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An alert as {@code GET /api/alerts} and the webhook's {@code alert} field show it (DESIGN §11). */
@Schema(name = "Alert")
public record AlertJson(long id, long accountId, String accountName, Alert.Type type, Alert.State state, String message,
        Instant firedAt, Instant resolvedAt) {

    public static AlertJson of(Alert alert, String accountName) {
        return new AlertJson(alert.id, alert.accountId, accountName, alert.type, alert.state, alert.message, alert.firedAt,
                alert.resolvedAt);
    }
}
