package com.spendportal.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.spendportal.web.Formats;
import com.spendportal.web.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Posts an alert event to Slack or Microsoft Teams (DESIGN §16), written at send time from the stored event so that
 * every retry says the same: Slack's incoming-webhook JSON ({@code text} for notifications, {@code blocks} with the
 * alert, the account, its figures and a link), or a Teams workflow message with an Adaptive Card in
 * {@code attachments}. The URL is the credential: it is posted to and never logged or shown.
 */
@ApplicationScoped
class ChatSender {

    static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

    @Inject
    ObjectMapper mapper;

    @Inject
    PortalConfig config;

    @Inject
    WebhookSender http;

    SendResult send(NotificationChannel.Kind kind, String url, String body) {
        AlertEvent event;
        try {
            event = mapper.readValue(body, AlertEvent.class);
        } catch (JsonProcessingException e) {
            return SendResult.failed(null, "the stored event is not readable JSON");
        }
        ObjectNode payload = kind == NotificationChannel.Kind.SLACK ? slack(event) : teams(event);
        return http.post(url, payload.toString(), "X-Portal-Event-Id", event.id());
    }

    /** What the message says: the subject line, the alert's message and facts, and the link. */
    private record Message(String title, String message, String accountName, String type, String state, String firedAt,
            String resolvedAt, String link, String what) {
    }

    private Message message(AlertEvent event) {
        String baseUrl = config.baseUrl().replaceAll("/+$", "");
        AlertJson a = event.alert();
        if (a == null) {
            return new Message(MailSender.subject(null, false), "This channel receives the portal's alerts.", null, null,
                    null, null, null, baseUrl + "/alerts", null);
        }
        boolean firing = AlertDelivery.FIRED.equals(event.type());
        boolean centre = a.costCentreId() != null;
        return new Message(MailSender.subject(a, firing), a.message(), centre ? a.costCentreName() : a.accountName(),
                a.type().name(), firing ? "firing" : "resolved", Formats.label(a.firedAt()),
                a.resolvedAt() == null ? null : Formats.label(a.resolvedAt()), baseUrl + a.path(),
                centre ? "Cost centre" : "Account");
    }

    /** Slack's mrkdwn reads {@code <}, {@code >} and {@code &} as markup: they are escaped in every text. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    ObjectNode slack(AlertEvent event) {
        Message m = message(event);
        ObjectNode root = mapper.createObjectNode();
        root.put("text", event.text());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", m.title()).put("emoji", false);
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", slackEscape(m.message()));
        if (m.accountName() != null) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            field(fields, m.what(), m.accountName());
            field(fields, "Alert", m.type() + " (" + m.state() + ")");
            field(fields, "Fired", m.firedAt());
            if (m.resolvedAt() != null) {
                field(fields, "Resolved", m.resolvedAt());
            }
        }
        ObjectNode actions = blocks.addObject().put("type", "actions");
        ObjectNode button = actions.putArray("elements").addObject().put("type", "button").put("url", m.link());
        button.putObject("text").put("type", "plain_text").put("text", m.accountName() == null ? "Open the alerts"
                : "Open the " + m.what().toLowerCase(java.util.Locale.ROOT));
        return root;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + slackEscape(value));
    }

    ObjectNode teams(AlertEvent event) {
        Message m = message(event);
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", ADAPTIVE_CARD);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", m.title()).put("weight", "Bolder").put("size", "Medium")
                .put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", m.message()).put("wrap", true);
        if (m.accountName() != null) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            facts.addObject().put("title", m.what()).put("value", m.accountName());
            facts.addObject().put("title", "Alert").put("value", m.type() + " (" + m.state() + ")");
            facts.addObject().put("title", "Fired").put("value", m.firedAt());
            if (m.resolvedAt() != null) {
                facts.addObject().put("title", "Resolved").put("value", m.resolvedAt());
            }
        }
        card.putArray("actions").addObject().put("type", "Action.OpenUrl")
                .put("title", m.accountName() == null ? "Open the alerts" : "Open the " + m.what().toLowerCase(java.util.Locale.ROOT))
                .put("url", m.link());
        return root;
    }
}
