package com.spendportal.alerts;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert as {@code GET /api/alerts} and the webhook's {@code alert} field show it (DESIGN §11): an account's, or a
 * cost centre's budget alert (DESIGN §19), with the other one's id and name null.
 */
@Schema(name = "Alert")
public record AlertJson(long id, Long accountId, String accountName,
        @Schema(description = "The cost centre of a budget alert (BUDGET_80, BUDGET_100, BUDGET_PROJECTED); else null")
        Long costCentreId, String costCentreName, Alert.Type type, Alert.State state, String message, Instant firedAt,
        Instant resolvedAt) {

    public static AlertJson of(Alert alert, String accountName) {
        return of(alert, accountName, null);
    }

    public static AlertJson of(Alert alert, String accountName, String costCentreName) {
        return new AlertJson(alert.id, alert.accountId, accountName, alert.costCentreId, costCentreName, alert.type, alert.state,
                alert.message, alert.firedAt, alert.resolvedAt);
    }

    /** What the alert is about, in words: the account's name, or "cost centre" and the centre's name. */
    public String subjectName() {
        return costCentreId != null ? "cost centre " + costCentreName : accountName;
    }

    /** The portal's page of what the alert is about. */
    public String path() {
        return costCentreId != null ? "/cost-centres/" + costCentreId : "/accounts/" + accountId;
    }
}
