package com.spendportal.alerts;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One alert of one account (DESIGN §11), or of one cost centre (the budget types of DESIGN §19): per type, and per
 * month (or day) for the monthly (daily) types.
 */
@Entity
@Table(name = "alert")
public class Alert extends IdEntity {

    @Schema(name = "AlertType")
    public enum Type {
        LOW_BALANCE(false), PACKAGE_EXHAUSTION(false), OVERAGE_PROJECTED(true), POOL_80(true), POOL_100(true),
        REFRESH_FAILING(false),
        /** Per UTC day (period YYYY-MM-DD): today's spend so far is a spike (DESIGN §15). */
        SPEND_SPIKE(false),
        /** The current term ends within {@code portal.alerts.renewal-notice}; its period is the end month (YYYY-MM). */
        RENEWAL_DUE(false),
        /** A cost centre's OPEN month spend is at 80% of its budget or more (DESIGN §19); per centre and month. */
        BUDGET_80(true),
        /** A cost centre's OPEN month spend is at its budget or more. */
        BUDGET_100(true),
        /** A cost centre's OPEN month projection is over its budget. */
        BUDGET_PROJECTED(true);

        /** Whether the alert is per month (of the open usage month). */
        public final boolean monthly;

        /** Whether it is a cost centre's (else an account's). */
        public boolean budget() {
            return name().startsWith("BUDGET_");
        }

        Type(boolean monthly) {
            this.monthly = monthly;
        }
    }

    @Schema(name = "AlertState")
    public enum State {
        FIRING, RESOLVED
    }

    /** The account's id; null for a cost centre's alert. */
    @Column(name = "account_id")
    public Long accountId;

    /** The cost centre's id; null for an account's alert. */
    @Column(name = "cost_centre_id")
    public Long costCentreId;

    @Enumerated(EnumType.STRING)
    public Type type;

    /** YYYY-MM for the monthly types, YYYY-MM-DD for SPEND_SPIKE, empty otherwise. */
    public String period;

    @Enumerated(EnumType.STRING)
    public State state;

    /** The figures that made it fire, in words; kept current while it fires. */
    public String message;

    @Column(name = "fired_at")
    public Instant firedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
