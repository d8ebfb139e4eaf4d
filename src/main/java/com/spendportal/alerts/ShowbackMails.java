package com.spendportal.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.costcentres.CostCentre;
import com.spendportal.costcentres.Showbacks;
import com.spendportal.export.ShowbackCsv;
import com.spendportal.export.ShowbackPdf;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.statements.Statements;
import com.spendportal.web.Fatal;
import com.spendportal.web.Pdf;
import com.spendportal.web.PortalConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The monthly showback mail of DESIGN §19: each cost centre with an owner e-mail gets its month that just closed, a
 * summary in the body and the centre's showback as PDF and CSV attached, once per month and centre.
 *
 * <p>Queued once, as the statement mail ({@link StatementMails}) is: the month {@code M} is due from the first of
 * {@code M+1} at {@code portal.statements.send-at} (UTC) for a month; every check ({@link #queueDue}, every
 * {@code portal.statements.check-interval}) queues it for each centre with an owner that has none yet, as a
 * {@link AlertDelivery#SHOWBACK} delivery to the owner's address (no channel) with the event id
 * {@code showback-2026-11-<centre id>}. {@code (event_id, to_address)} is unique: of two instances queuing it, the
 * second one's transaction fails and changes nothing; after a restart the stored delivery says it is done. A centre
 * given an owner later in the window gets the month then; a new owner of a centre that had the month gets nothing more.
 *
 * <p>Built when sent, from the showback as it is then (the month is CLOSED, its figures final); every attempt carries
 * the same {@code Message-ID}, made from the event id.
 */
@ApplicationScoped
public class ShowbackMails {

    private static final Logger LOG = Logger.getLogger(ShowbackMails.class);
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);

    @Inject
    PortalConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    MailSender mails;

    @Inject
    Deliveries deliveries;

    @Inject
    Showbacks showbacks;

    /** The stored body: which month, which centre. */
    record Body(String id, String type, YearMonth month, long costCentreId, Instant queuedAt) {
    }

    /** What the mail's text and HTML show. */
    public record Summary(String subject, String monthName, CentreMonth centre, Showbacks.Month month) {

        public String folder(long accountId, String folderId) {
            return month.folderLabel(accountId, folderId);
        }

        public BigDecimal budget() {
            return centre.centre().monthlyBudgetUsd();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance showbackText(Summary summary, String baseUrl);

        static native TemplateInstance showbackHtml(Summary summary, String baseUrl);
    }

    @Scheduled(identity = "showback-mails", every = "${portal.statements.check-interval:1m}",
            delayed = "${portal.statements.check-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        queueDue(Instant.now());
    }

    static String eventId(YearMonth month, long centreId) {
        return AlertDelivery.SHOWBACK + "-" + month + "-" + centreId;
    }

    /** Queues the due month for every centre with an owner that has not got it; returns how many it was queued for. */
    public int queueDue(Instant now) {
        YearMonth month = StatementMails.dueMonth(now, config.statements().sendAt());
        List<Long> owned = QuarkusTransaction.requiringNew().call(() -> CostCentre.getEntityManager()
                .createQuery("select c.id from CostCentre c where c.ownerEmail is not null order by c.id", Long.class)
                .getResultList());
        if (owned.isEmpty()) {
            return 0;
        }
        Set<String> done = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> AlertDelivery.getEntityManager()
                .createQuery("select d.eventId from AlertDelivery d where d.eventType = ?1 and d.eventId like ?2", String.class)
                .setParameter(1, AlertDelivery.SHOWBACK).setParameter(2, AlertDelivery.SHOWBACK + "-" + month + "-%")
                .getResultList()));
        int queued = 0;
        for (long centreId : owned) {
            String id = eventId(month, centreId);
            if (done.contains(id)) {
                continue;
            }
            try {
                queued += QuarkusTransaction.requiringNew().call(() -> queue(centreId, month, now));
            } catch (RuntimeException e) {
                Fatal.ifOutOfMemory(e);
                boolean other = QuarkusTransaction.requiringNew().call(() -> AlertDelivery.count("eventId", id) > 0);
                if (other) {
                    LOG.debugf("The showback of %s for cost centre %d was queued by another instance meanwhile", month, centreId);
                } else {
                    LOG.warnf("The showback of %s for cost centre %d not queued (%s); the next check tries again", month,
                            centreId, e.getClass().getSimpleName());
                }
            }
        }
        if (queued > 0) {
            LOG.infof("Showback of %s queued for %d cost centre owner%s", month, queued, queued == 1 ? "" : "s");
        }
        return queued;
    }

    /** In a transaction: the month for one centre's owner, unless the centre or its owner went meanwhile. */
    private int queue(long centreId, YearMonth month, Instant now) {
        CostCentre centre = CostCentre.findById(centreId);
        if (centre == null || centre.ownerEmail == null) {
            return 0;
        }
        Body body = new Body(eventId(month, centreId), AlertDelivery.SHOWBACK, month, centreId, now);
        deliveries.queueTo(body.id(), AlertDelivery.SHOWBACK, json(body), centre.ownerEmail, now);
        return 1;
    }

    private String json(Body body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A showback mail's body always serializes", e);
        }
    }

    /** One attempt: builds the centre's mail from the showback as it is now and sends it (or logs it without SMTP). */
    SendResult send(String address, String stored) {
        Body body;
        try {
            body = mapper.readValue(stored, Body.class);
        } catch (JsonProcessingException e) {
            return SendResult.failed(null, "the stored showback mail is not readable JSON");
        }
        Showbacks.Month month = QuarkusTransaction.requiringNew().call(() -> showbacks.month(body.month()));
        CentreMonth centre = month.showback().centres().stream().filter(c -> c.centre().id() == body.costCentreId())
                .findFirst().orElse(null);
        if (centre == null) {
            return SendResult.delivered(null, "the cost centre was deleted: nothing sent");
        }
        String monthName = MONTH_NAME.format(body.month());
        Summary summary = new Summary(("[Spend Portal] Showback for " + monthName + ": " + centre.centre().name())
                .replaceAll("[\\r\\n\\t]+", " "), monthName, centre, month);
        String baseUrl = config.baseUrl().replaceAll("/+$", "");
        String text = Templates.showbackText(summary, baseUrl).render();
        if (!mails.sendsForReal()) {
            LOG.infof("E-mail to %s %s (set QUARKUS_MAILER_MOCK=false and QUARKUS_MAILER_HOST to send): subject \"%s\","
                    + " %d lines, as PDF and CSV", address, MailSender.LOGGED_NOT_SENT, summary.subject(), centre.lines().size());
            return SendResult.delivered(null, MailSender.LOGGED_NOT_SENT);
        }
        String name = "showback-" + StatementMails.slug(centre.centre().name()) + "-" + body.month();
        Mail mail = Mail.withText(address, summary.subject(), text).setHtml(Templates.showbackHtml(summary, baseUrl).render())
                .addHeader("X-Portal-Event-Id", body.id()).addHeader("Message-ID", MailSender.messageId(body.id(), config.baseUrl()));
        try {
            mail.addAttachment(name + ".pdf", ShowbackPdf.render(month, centre, Statements.today(), Instant.now(),
                    config.baseUrl()), Pdf.MEDIA_TYPE);
        } catch (Pdf.BusyException e) {
            return SendResult.failed(null, "the portal was busy making other PDFs; tried again later");
        }
        mail.addAttachment(name + ".csv", csv(month, centre), "text/csv; charset=UTF-8");
        return mails.sendOnMailContext(mail);
    }

    private static byte[] csv(Showbacks.Month month, CentreMonth centre) {
        StringBuilder out = new StringBuilder(2048);
        try {
            ShowbackCsv.write(month, centre, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
