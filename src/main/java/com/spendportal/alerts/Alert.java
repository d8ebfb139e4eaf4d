package com.spendportal.alerts;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One alert of one account (DESIGN §11): per type, and per month (or day) for the monthly (daily) types. */
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
        RENEWAL_DUE(false);

        /** Whether the alert is per month (of the open usage month). */
        public final boolean monthly;

        Type(boolean monthly) {
            this.monthly = monthly;
        }
    }

    @Schema(name = "AlertState")
    public enum State {
        FIRING, RESOLVED
    }

    @Column(name = "account_id")
    public long accountId;

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
