package com.spendportal.alerts;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where alerts go (DESIGN §11): an e-mail address or a webhook URL with its signing secret. */
@Entity
@Table(name = "notification_channel")
public class NotificationChannel extends IdEntity {

    @Schema(name = "ChannelKind")
    public enum Kind {
        EMAIL, WEBHOOK
    }

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** The e-mail address or the webhook URL. */
    public String target;

    /** A webhook's HMAC key; shown once, when the channel is added. Null for e-mail. */
    public String secret;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public static List<NotificationChannel> listInOrder() {
        return list("order by id");
    }

    /** The channel with this id, if there is one (the alerts page and the API each answer a missing one their way). */
    public static Optional<NotificationChannel> byId(long id) {
        return findByIdOptional(id);
    }
}
