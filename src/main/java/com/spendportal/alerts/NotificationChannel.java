package com.spendportal.alerts;

import com.spendportal.web.IdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where alerts go (DESIGN §11, §16): an e-mail address, a webhook URL with its signing secret, or a Slack or Teams URL. */
@Entity
@Table(name = "notification_channel")
public class NotificationChannel extends IdEntity {

    @Schema(name = "ChannelKind")
    public enum Kind {
        EMAIL, WEBHOOK, SLACK, TEAMS;

        /** Slack and Teams: their URLs carry the credential, so only the host is ever shown. */
        public boolean chat() {
            return this == SLACK || this == TEAMS;
        }
    }

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** The e-mail address or the webhook URL. */
    public String target;

    /** A webhook's HMAC key; shown once, when the channel is added. Null for the other kinds. */
    public String secret;

    /** An e-mail channel that takes the monthly statement mail (DESIGN §16); always false for the other kinds. */
    public boolean statements;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /**
     * The target as pages, the API's lists and logs show it: a Slack or Teams URL is itself a credential, so only
     * its scheme and host (https://hooks.slack.com/…).
     */
    public String shown() {
        return kind.chat() ? hostOnly(target) : target;
    }

    static String hostOnly(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getHost() + "/\u2026";
        } catch (URISyntaxException | RuntimeException e) {
            return "(a URL)";
        }
    }

    /** The e-mail channels subscribed to the monthly statements, in the order they were added. */
    public static List<NotificationChannel> statementSubscribers() {
        return list("kind = ?1 and statements = true order by id", Kind.EMAIL);
    }

    public static List<NotificationChannel> listInOrder() {
        return list("order by id");
    }

    /** The channel with this id, if there is one (the alerts page and the API each answer a missing one their way). */
    public static Optional<NotificationChannel> byId(long id) {
        return findByIdOptional(id);
    }
}
