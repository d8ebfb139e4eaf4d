package com.spendportal.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.spendportal.accounts.Account;
import com.spendportal.contracts.Contract;
import com.spendportal.export.StatementCsv;
import com.spendportal.export.StatementPdf;
import com.spendportal.figures.AccountStatements;
import com.spendportal.invoices.Invoice;
import com.spendportal.statements.ContractTerms;
import com.spendportal.statements.PackageMonth;
import com.spendportal.statements.Reconciliation;
import com.spendportal.statements.Statement;
import com.spendportal.statements.UsageBasedMonth;
import com.spendportal.usage.UsageEntry;
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
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The monthly statement mail of DESIGN §16: every e-mail channel subscribed to statements gets, once per month, the
 * statements of the month that just closed, a summary in the body and each account's PDF and CSV attached.
 *
 * <p><b>Queued once.</b> The month {@code M} is due from the first of {@code M+1} at {@code portal.statements.send-at}
 * (UTC) until the same moment a month later; during that window every check ({@link #queueDue}) queues the month
 * for each subscriber that has none yet, as {@link AlertDelivery#STATEMENTS} deliveries through the §11 queue. Their
 * event ids are made from the month and the part ({@code statements-2026-11-1}), and {@code (event_id, channel_id)}
 * is unique: of two instances queuing the same month for a channel, the second one's transaction fails and changes
 * nothing; after a restart the stored deliveries say it is done. A channel subscribed later in the window gets the
 * month then; unsubscribing and subscribing again in the same window sends nothing more.
 *
 * <p><b>Several mails when there are many accounts.</b> Each mail carries at most
 * {@code portal.statements.accounts-per-mail} accounts (40: about 2 MB of PDFs and CSVs, under 3 MB encoded, well
 * below the 10 to 25 MB mail servers accept); with more accounts the month is "1 of N", "2 of N", ... each a
 * delivery of its own, retried on its own. Which accounts go in which part is fixed when queued.
 *
 * <p><b>Built when sent.</b> The body stored with the delivery holds the month and the account ids only; the
 * statements (as of the first day after the month, so the month is CLOSED), the PDFs and the CSVs are made at each
 * attempt from the figures as they are then: an invoice recorded after the queueing is in the mail. Every attempt
 * carries the same {@code Message-ID}, made from the event id ({@link MailSender#messageId}).
 */
@ApplicationScoped
public class StatementMails {

    private static final Logger LOG = Logger.getLogger(StatementMails.class);
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);

    @Inject
    PortalConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    MailSender mails;

    @Inject
    Deliveries deliveries;

    /** The stored body of one part: which month, which accounts. */
    record Body(String id, String type, YearMonth month, int part, int parts, List<Long> accountIds, Instant queuedAt) {
    }

    /** One account's line of the summary; the month's figure is null when the month is outside its term. */
    public record Line(long accountId, String accountName, boolean usageBased, BigDecimal monthUsd, BigDecimal overageUsd,
            BigDecimal invoicedUsd, BigDecimal differenceUsd, Reconciliation reconciliation) {

        public boolean inTerm() {
            return monthUsd != null;
        }
    }

    /** What the mail's text and HTML show. */
    public record Summary(String subject, YearMonth month, String monthName, int part, int parts, List<Line> lines,
            BigDecimal totalUsd, LocalDate asOf) {

        public boolean differs() {
            return lines.stream().anyMatch(l -> l.reconciliation() == Reconciliation.DIFFERS);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance statementsText(Summary summary, String baseUrl);

        static native TemplateInstance statementsHtml(Summary summary, String baseUrl);
    }

    @Scheduled(identity = "statement-mails", every = "${portal.statements.check-interval:1m}",
            delayed = "${portal.statements.check-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        queueDue(Instant.now());
    }

    /**
     * The month whose mail is due at {@code now}: the month before the one that {@code now - sendAt} falls in. From
     * 1 December 06:00 UTC to 1 January 05:59 (send-at 06:00) that is November.
     */
    static YearMonth dueMonth(Instant now, LocalTime sendAt) {
        return YearMonth.from(now.atOffset(ZoneOffset.UTC).minusSeconds(sendAt.toSecondOfDay()).minusNanos(sendAt.getNano()))
                .minusMonths(1);
    }

    static String eventId(YearMonth month, int part) {
        return AlertDelivery.STATEMENTS + "-" + month + "-" + part;
    }

    /** Queues the due month for every subscriber that has not got it; returns how many subscribers it was queued for. */
    public int queueDue(Instant now) {
        YearMonth month = dueMonth(now, config.statements().sendAt());
        String first = eventId(month, 1);
        List<Long> waiting = QuarkusTransaction.requiringNew().call(() -> NotificationChannel.getEntityManager()
                .createQuery("select c.id from NotificationChannel c where c.kind = ?1 and c.statements = true and not exists"
                        + " (select 1 from AlertDelivery d where d.eventId = ?2 and d.channelId = c.id) order by c.id", Long.class)
                .setParameter(1, NotificationChannel.Kind.EMAIL).setParameter(2, first).getResultList());
        int queued = 0;
        for (long channelId : waiting) {
            try {
                queued += QuarkusTransaction.requiringNew().call(() -> queue(channelId, month, now));
            } catch (RuntimeException e) {
                Fatal.ifOutOfMemory(e);
                boolean done = QuarkusTransaction.requiringNew().call(() -> AlertDelivery.count("eventId = ?1 and channelId = ?2",
                        first, channelId) > 0);
                if (done) {
                    LOG.debugf("Statements of %s for channel %d were queued by another instance meanwhile", month, channelId);
                } else {
                    LOG.warnf("Statements of %s for channel %d not queued (%s); the next check tries again", month, channelId,
                            e.getClass().getSimpleName());
                }
            }
        }
        if (queued > 0) {
            LOG.infof("Statements of %s queued for %d subscribed channel%s", month, queued, queued == 1 ? "" : "s");
        }
        return queued;
    }

    /** In a transaction: the month's parts for one channel, unless it stopped subscribing or was removed meanwhile. */
    private int queue(long channelId, YearMonth month, Instant now) {
        NotificationChannel channel = NotificationChannel.findById(channelId);
        if (channel == null || !channel.statements || channel.kind != NotificationChannel.Kind.EMAIL) {
            return 0;
        }
        List<Long> accounts = Contract.getEntityManager().createQuery("select c.account.id from Contract c"
                + " order by lower(c.account.name), c.account.id", Long.class).getResultList();
        int per = Math.max(1, config.statements().accountsPerMail());
        int parts = Math.max(1, (accounts.size() + per - 1) / per);
        for (int part = 1; part <= parts; part++) {
            List<Long> ids = accounts.subList(Math.min(accounts.size(), (part - 1) * per), Math.min(accounts.size(), part * per));
            Body body = new Body(eventId(month, part), AlertDelivery.STATEMENTS, month, part, parts, List.copyOf(ids), now);
            deliveries.queue(body.id(), AlertDelivery.STATEMENTS, json(body), channel, now);
        }
        return 1;
    }

    private String json(Body body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A statement mail's body always serializes", e);
        }
    }

    /** One account's statement as the mail needs it, read in one transaction. */
    private record Entry(long accountId, String name, ContractTerms terms, Statement statement) {
    }

    /** One attempt: builds the part's mail from the figures as they are now and sends it (or logs it without SMTP). */
    SendResult send(String address, String stored) {
        Body body;
        try {
            body = mapper.readValue(stored, Body.class);
        } catch (JsonProcessingException e) {
            return SendResult.failed(null, "the stored statement mail is not readable JSON");
        }
        LocalDate asOf = body.month().plusMonths(1).atDay(1);
        List<Entry> entries = QuarkusTransaction.requiringNew().call(() -> load(body.accountIds(), asOf));
        String baseUrl = config.baseUrl().replaceAll("/+$", "");
        Summary summary = summary(body, entries, asOf);
        String text = Templates.statementsText(summary, baseUrl).render();
        if (!mails.sendsForReal()) {
            LOG.infof("E-mail to %s %s (set QUARKUS_MAILER_MOCK=false and QUARKUS_MAILER_HOST to send): subject \"%s\","
                    + " %d statements, each as PDF and CSV", address, MailSender.LOGGED_NOT_SENT, summary.subject(), entries.size());
            return SendResult.delivered(null, MailSender.LOGGED_NOT_SENT);
        }
        Mail mail = Mail.withText(address, summary.subject(), text).setHtml(Templates.statementsHtml(summary, baseUrl).render())
                .addHeader("X-Portal-Event-Id", body.id()).addHeader("Message-ID", MailSender.messageId(body.id(), config.baseUrl()));
        Instant madeAt = Instant.now();
        BigDecimal tolerance = Invoice.toleranceUsd();
        try {
            for (Entry entry : entries) {
                String name = "statement-" + entry.accountId() + "-" + slug(entry.name()) + "-" + body.month();
                mail.addAttachment(name + ".pdf", StatementPdf.render(new StatementPdf.Heading(entry.name(), entry.terms(), asOf,
                        madeAt, config.baseUrl(), tolerance), entry.statement()), Pdf.MEDIA_TYPE);
                mail.addAttachment(name + ".csv", csv(entry.statement()), "text/csv; charset=UTF-8");
            }
        } catch (Pdf.BusyException e) {
            return SendResult.failed(null, "the portal was busy making other PDFs; tried again later");
        }
        return mails.sendOnMailContext(mail);
    }

    /** The accounts that still exist and still have a contract, in the part's order. */
    private static List<Entry> load(List<Long> accountIds, LocalDate asOf) {
        List<Entry> entries = new ArrayList<>();
        for (long id : accountIds) {
            Contract contract = Contract.findByAccountId(id).orElse(null);
            if (contract != null) {
                Account account = contract.account;
                entries.add(new Entry(id, account.name, contract.terms(),
                        AccountStatements.of(contract, UsageEntry.recordsForAccount(id), asOf)));
            }
        }
        return entries;
    }

    static Summary summary(Body body, List<Entry> entries, LocalDate asOf) {
        List<Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Entry entry : entries) {
            Line line = line(entry, body.month());
            lines.add(line);
            if (line.inTerm()) {
                total = total.add(line.monthUsd());
            }
        }
        String monthName = MONTH_NAME.format(body.month());
        String subject = "[Spend Portal] Statements for " + monthName + (body.parts() > 1 ? " (" + body.part() + " of "
                + body.parts() + ")" : "");
        return new Summary(subject, body.month(), monthName, body.part(), body.parts(), lines, total, asOf);
    }

    /** The month's figure: what the contract bills for a usage-based month, the drawdown for a package. */
    private static Line line(Entry entry, YearMonth month) {
        Statement statement = entry.statement();
        if (statement.usageBased()) {
            for (UsageBasedMonth m : statement.usageMonths()) {
                if (m.month().equals(month)) {
                    return new Line(entry.accountId(), entry.name(), true, m.totalUsd(), m.overageUsd(), m.invoicedUsd(),
                            m.differenceUsd(), m.reconciliation());
                }
            }
        } else {
            for (PackageMonth m : statement.packageMonths()) {
                if (m.month().equals(month)) {
                    return new Line(entry.accountId(), entry.name(), false, m.drawdownUsd(), null, m.invoicedUsd(),
                            m.differenceUsd(), m.reconciliation());
                }
            }
        }
        return new Line(entry.accountId(), entry.name(), statement.usageBased(), null, null, null, null, null);
    }

    private static byte[] csv(Statement statement) {
        StringBuilder out = new StringBuilder(4096);
        try {
            StatementCsv.write(statement, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An account name as part of a file name: {@code Acme Video Ops} becomes {@code acme-video-ops}. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "account" : slug;
    }
}
