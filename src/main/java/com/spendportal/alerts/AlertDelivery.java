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
 * One event (an alert's transition, or a channel test) to one channel, queued in the transaction
 * that made the transition, and its attempts. The body is fixed when queued: every retry sends the
 * same event id and body.
 */
@Entity
@Table(name = "alert_delivery")
public class AlertDelivery extends IdEntity {

    public static final String FIRED = "alert.fired";
    public static final String RESOLVED = "alert.resolved";
    public static final String TEST = "test";
    /** The monthly statement mail of DESIGN §16 (one part of it); built when it is sent, from the month in its body. */
    public static final String STATEMENTS = "statements";
    /** The monthly showback mail of a cost centre to its owner (DESIGN §19); built when sent, like {@link #STATEMENTS}. */
    public static final String SHOWBACK = "showback";

    @Schema(name = "DeliveryState")
    public enum State {
        PENDING, DELIVERED, FAILED
    }

    @Column(name = "event_id")
    public String eventId;

    /** {@link #FIRED}, {@link #RESOLVED}, {@link #TEST}, {@link #STATEMENTS} or {@link #SHOWBACK}. */
    @Column(name = "event_type")
    public String eventType;

    /** Null for a test event, a statement mail and a showback mail. */
    @Column(name = "alert_id")
    public Long alertId;

    /** The channel; null for a delivery to {@link #toAddress}. */
    @Column(name = "channel_id")
    public Long channelId;

    /** A cost centre owner's e-mail address, which is no channel (DESIGN §19); null for a channel's delivery. */
    @Column(name = "to_address")
    public String toAddress;

    /** The webhook's JSON body (DESIGN §11); the e-mail is written from the same event. */
    public String body;

    @Enumerated(EnumType.STRING)
    public State state;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** An instance sending it holds it until then. */
    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    /** The HTTP status of the last webhook attempt; null for e-mail or when no answer came. */
    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
