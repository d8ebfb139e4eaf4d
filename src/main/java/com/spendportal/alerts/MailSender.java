package com.spendportal.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.web.PortalConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
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
 *
 * <p>Every mail is handed to the mailer on one Vert.x event-loop context of this sender's own, never
 * from the calling thread (see {@link #sendOnMailContext}).
 */
@ApplicationScoped
public class MailSender {

    static final String LOGGED_NOT_SENT = "logged, not sent: no SMTP server configured";
    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final int ERROR_MAX = 200;

    @Inject
    ReactiveMailer mailer;

    @Inject
    Vertx vertx;

    /** How long one send may take; zero waits for as long as it takes (Quarkus' meaning of the setting). */
    @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "10s")
    Duration timeout;

    private volatile Context mailContext;

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
        return sendOnMailContext(Mail.withText(address, subject, text).setHtml(html).addHeader("X-Portal-Event-Id", event.id())
                .addHeader("Message-ID", messageId(event.id(), config.baseUrl())));
    }

    /**
     * The {@code Message-ID} of the mail of one event, the same at every attempt: {@code <EVENTID@spend-portal.HOST>}, HOST
     * from {@code portal.base-url}. A send the SMTP server accepted but answered too late is retried; the reader's mail
     * system then folds the two copies into one by this id (DESIGN §11: one mail per event).
     */
    public static String messageId(String eventId) {
        return messageId(eventId, ConfigProvider.getConfig().getOptionalValue("portal.base-url", String.class)
                .orElse("http://localhost:8080"));
    }

    /** {@link #messageId(String)} for this base URL. Characters an id may not hold (RFC 5322 dot-atom) become {@code -}. */
    public static String messageId(String eventId, String baseUrl) {
        String host = null;
        try {
            host = URI.create(baseUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            // an unreadable base URL names no host
        }
        String local = eventId.replaceAll("[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]", "-").replaceAll("^\\.+|\\.+$", "").replaceAll("\\.{2,}", ".");
        String domain = "spend-portal." + (host == null || host.isBlank() ? "localhost" : host.toLowerCase(Locale.ROOT)
                .replaceAll("^\\[|\\]$", "").replaceAll("[^a-z0-9.-]", "-"));
        return "<" + (local.isEmpty() ? "event" : local) + "@" + domain + ">";
    }

    /**
     * Sends {@code mail} and waits for the SMTP server's answer, at most {@code quarkus.mailer.timeout}.
     *
     * <p>The send starts on one event-loop context kept for all mails, not on the calling thread. The
     * Vert.x mail client gives a new SMTP connection its reader only when its pool hands the
     * connection to the waiting send, and does not pause the socket meanwhile. Started from a thread
     * outside Vert.x (the {@link Deliveries} lanes), the connect, the hand-over and the reader can
     * end up on different event loops; a server that greets at once is then read before there is a
     * reader, its greeting is dropped, and the send waits for it until the timeout, its connection
     * held until the server gives up on it. That happened to about one send in 30 to 100 against a
     * local SMTP server, one after another or side by side (MailDeliveryTest). Started on one event
     * loop, the connect, the hand-over and the reader run there one after the other, before anything
     * is read.
     */
    SendResult sendOnMailContext(Mail mail) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        AtomicReference<Cancellable> subscription = new AtomicReference<>();
        mailContext().runOnContext(ignored -> {
            try {
                subscription.set(mailer.send(mail).subscribe().with(done -> sent.complete(null), sent::completeExceptionally));
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        });
        try {
            if (timeout.isZero()) {
                sent.get();
            } else {
                sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return SendResult.delivered(null, null);
        } catch (TimeoutException e) {
            Cancellable running = subscription.get();
            if (running != null) {
                running.cancel();
            }
            return SendResult.failed(null, "SMTP: no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return SendResult.failed(null, "SMTP: " + shortMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(null, "interrupted (the portal was stopping)");
        }
    }

    /** The event-loop context every mail starts on, made on first use and kept (Vert.x holds one only weakly). */
    private Context mailContext() {
        Context context = mailContext;
        if (context == null) {
            synchronized (this) {
                context = mailContext;
                if (context == null) {
                    context = vertx.getOrCreateContext();
                    if (!context.isEventLoopContext()) {
                        throw new IllegalStateException("Mails must start on an event-loop context, not " + context);
                    }
                    mailContext = context;
                }
            }
        }
        return context;
    }

    /**
     * {@code [Spend Portal] POOL_80 firing: Acme Video}, {@code [Spend Portal] BUDGET_80 firing: cost centre Marketing};
     * on one line whatever the name holds.
     */
    static String subject(AlertJson alert, boolean firing) {
        String subject = alert == null ? "[Spend Portal] Test message"
                : "[Spend Portal] " + alert.type() + (firing ? " firing: " : " resolved: ") + alert.subjectName();
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
