package com.spendportal.alerts;

import com.spendportal.audit.Audit;
import com.spendportal.web.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Adding a notification channel, from the alerts page or the API: the same rules and messages. */
final class Channels {

    static final int ADDRESS_MAX = 320;
    static final int URL_MAX = 2000;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Channels() {
    }

    static final String STATEMENTS_EMAIL_ONLY = "Only an e-mail channel takes the monthly statements.";

    /**
     * What an admin asks for; {@code kind} is EMAIL, WEBHOOK, SLACK or TEAMS, {@code statements} subscribes an e-mail
     * channel to the monthly statement mail.
     */
    record Input(String kind, String address, String url, boolean statements) {

        static Input emptyEmail() {
            return new Input("EMAIL", "", "", false);
        }

        NotificationChannel.Kind parsedKind() {
            try {
                return kind == null ? null : NotificationChannel.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** Field → message; empty when it will do. {@code allowLocalNetwork}: see {@link OutboundUrls}. */
        Map<String, String> validate(boolean allowLocalNetwork) {
            Map<String, String> errors = new LinkedHashMap<>();
            NotificationChannel.Kind parsed = parsedKind();
            if (parsed == null) {
                errors.put("kind", "EMAIL, WEBHOOK, SLACK or TEAMS.");
            } else if (parsed == NotificationChannel.Kind.EMAIL) {
                String value = address == null ? "" : address.strip();
                if (!Text.oneLine(address)) {
                    errors.put("address", Text.CONTROL_MESSAGE);
                } else if (value.isEmpty()) {
                    errors.put("address", "Enter the e-mail address alerts go to.");
                } else if (value.length() > ADDRESS_MAX || !ADDRESS.matcher(value).matches()) {
                    errors.put("address", "Enter one e-mail address, such as finance@example.com.");
                }
            } else {
                if (statements) {
                    errors.put("statements", STATEMENTS_EMAIL_ONLY);
                }
                String value = url == null ? "" : url.strip();
                String problem = Text.oneLine(url) ? urlProblem(value, allowLocalNetwork) : Text.CONTROL_MESSAGE;
                if (problem != null) {
                    errors.put("url", problem);
                }
            }
            return errors;
        }
    }

    /**
     * Why a webhook, Slack or Teams URL will not do, or null when it will: the one place for the outbound URL rule
     * of DESIGN §11 (which targets are refused) to hook into.
     */
    static String urlProblem(String value, boolean allowLocalNetwork) {
        if (value.isEmpty()) {
            return "Enter the URL the portal posts alerts to.";
        }
        if (value.length() > URL_MAX || !httpUrl(value)) {
            return "Enter an http:// or https:// URL, such as https://hooks.example.com/spend.";
        }
        return OutboundUrls.problem(value, allowLocalNetwork);
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Stores a validated channel; a webhook gets a new random signing secret. Call in a transaction. */
    static NotificationChannel create(Input input, String by, Audit audit) {
        NotificationChannel channel = new NotificationChannel();
        channel.kind = input.parsedKind();
        if (channel.kind == NotificationChannel.Kind.EMAIL) {
            channel.target = input.address().strip();
            channel.statements = input.statements();
        } else if (channel.kind.chat()) {
            channel.target = input.url().strip();
        } else {
            channel.target = input.url().strip();
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            channel.secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        }
        channel.createdAt = Instant.now();
        channel.createdBy = by;
        channel.persist();
        audit.record("channel.create", target(channel), described(channel));
        return channel;
    }

    /**
     * Subscribes an e-mail channel to the monthly statements or ends that; the error message for any other kind. Call in
     * a transaction. A channel subscribed after this month's mail went out gets it at the next check (DESIGN §16).
     */
    static String subscribe(NotificationChannel channel, boolean statements, Audit audit) {
        if (channel.kind != NotificationChannel.Kind.EMAIL) {
            return statements ? STATEMENTS_EMAIL_ONLY : null;
        }
        if (channel.statements != statements) {
            channel.statements = statements;
            audit.record(statements ? "channel.statements.on" : "channel.statements.off", target(channel), described(channel));
        }
        return null;
    }

    /** Removes a channel with its deliveries. Call in a transaction. */
    static void delete(NotificationChannel channel, Audit audit) {
        channel.delete();
        audit.record("channel.delete", target(channel), described(channel));
    }

    private static String target(NotificationChannel channel) {
        return "channel:" + channel.id;
    }

    /**
     * A webhook is named by its host only: many services put the credential in the URL's path
     * (a Slack webhook does), and the trail never holds a secret.
     */
    private static Audit.Detail described(NotificationChannel channel) {
        String where = channel.kind == NotificationChannel.Kind.EMAIL ? channel.target
                : URI.create(channel.target).getScheme() + "://" + URI.create(channel.target).getHost();
        Audit.Detail detail = Audit.detail().put("kind", channel.kind.name()).put("target", where);
        return channel.statements ? detail.put("statements", true) : detail;
    }
}
