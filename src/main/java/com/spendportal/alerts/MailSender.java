package com.spendportal.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.web.PortalConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes an alert event as an e-mail (DESIGN §11): the subject names the type and the account, a
 * plain-text and an HTML part (Qute escapes the account name and message in the HTML), the figures,
 * the times and a link to the account page from {@code portal.base-url}. The mail is written from
 * the stored event, so it tells the transition as it was, and it holds nothing but what the event
 * holds: never an API key or a webhook secret.
 *
 * <p>While {@code quarkus.mailer.mock} is true (the default, until an operator configures SMTP) the
 * mail is written to the log and the delivery recorded as delivered with a note saying so. The
 * mailer is then not called at all: its mock mode would keep every mail in memory for as long as
 * the portal runs.
 */
@ApplicationScoped
public class MailSender {

    static final String LOGGED_NOT_SENT = "logged, not sent: no SMTP server configured";
    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final int ERROR_MAX = 200;

    @Inject
    Mailer mailer;

    @Inject
    ObjectMapper mapper;

    @Inject
    PortalConfig config;

    @ConfigProperty(name = "quarkus.mailer.mock")
    Optional<Boolean> mock;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alertText(String subject, AlertJson alert, boolean firing, String baseUrl);

        static native TemplateInstance alertHtml(String subject, AlertJson alert, boolean firing, String baseUrl);
    }

    /** False while mails only go to the log ({@code quarkus.mailer.mock}, which Quarkus defaults to true in dev and test). */
    public boolean sendsForReal() {
        return !mock.orElse(LaunchMode.current().isDevOrTest());
    }

    SendResult send(String address, String body) {
        AlertEvent event;
        try {
            event = mapper.readValue(body, AlertEvent.class);
        } catch (JsonProcessingException e) {
            return SendResult.failed(null, "the stored event is not readable JSON");
        }
        boolean firing = AlertDelivery.FIRED.equals(event.type());
        String subject = subject(event.alert(), firing);
        String baseUrl = config.baseUrl().replaceAll("/+$", "");
        String text = Templates.alertText(subject, event.alert(), firing, baseUrl).render();
        if (!sendsForReal()) {
            LOG.infof("E-mail to %s %s (set QUARKUS_MAILER_MOCK=false and QUARKUS_MAILER_HOST to send): subject \"%s\","
                    + " text: %s", address, LOGGED_NOT_SENT, subject, text.strip().replaceAll("\\s*\\R+\\s*", " | "));
            return SendResult.delivered(null, LOGGED_NOT_SENT);
        }
        String html = Templates.alertHtml(subject, event.alert(), firing, baseUrl).render();
        try {
            mailer.send(Mail.withText(address, subject, text).setHtml(html).addHeader("X-Portal-Event-Id", event.id()));
            return SendResult.delivered(null, null);
        } catch (RuntimeException e) {
            return SendResult.failed(null, "SMTP: " + shortMessage(e));
        }
    }

    /** {@code [Spend Portal] POOL_80 firing: Acme Video}; on one line whatever the account's name holds. */
    static String subject(AlertJson alert, boolean firing) {
        String subject = alert == null ? "[Spend Portal] Test message"
                : "[Spend Portal] " + alert.type() + (firing ? " firing: " : " resolved: ") + alert.accountName();
        return subject.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static String shortMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() <= ERROR_MAX ? message : message.substring(0, ERROR_MAX - 1) + "…";
    }
}
