package com.spendportal.alerts;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.web.Formats;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monthly statement mail of DESIGN §16 on GreenMail: one mail per subscriber and month (in parts of
 * {@code accounts-per-mail} accounts), its summary and attachments equal to the statement the API and the downloads
 * give for the same day, the same {@code Message-ID} at a retry, nothing more at a later check, a late subscriber
 * served then.
 *
 * <p>On a database of its own (a profile), so that "every account" is the accounts made here; across two instances
 * and a restart on PostgreSQL: {@code TwoInstancesTest}.
 */
@QuarkusTest
@TestProfile(StatementMailTest.OwnDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "quarkus.datasource.db-kind", matches = "postgresql")
class StatementMailTest {

    /** Three accounts with contracts, two per mail: October goes out as "1 of 2" and "2 of 2". */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:statement-mails-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "portal.statements.accounts-per-mail", "2");
        }
    }

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3465, "localhost", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);

    private static final Instant NOV_1_0600 = Instant.parse("2026-11-01T06:00:00Z");
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Inject
    StatementMails statementMails;

    @Inject
    AlertRows rows;

    /** Account ids in the order the mail lists them (by name). */
    private final List<Long> accounts = new ArrayList<>();
    private long subscribed;
    private long notSubscribed;

    /** Once, before the first test (in a {@code @BeforeEach}: the application is up by then, and REST Assured knows its port). */
    @BeforeEach
    void accountsAndChannels() {
        if (!accounts.isEmpty()) {
            return;
        }
        long acme = Api.createAccount("Acme <Ops> & Co", null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"600000\",\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + acme + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-10\",\"seconds\":\"700000\"},{\"month\":\"2026-11\",\"seconds\":\"5000\"}]")
                .post("/api/accounts/" + acme + "/usage").then().statusCode(200);
        Api.admin().body("{\"invoicedUsd\":\"5833.40\"}").put("/api/accounts/" + acme + "/invoices/2026-10").then().statusCode(200);

        long beta = Api.createAccount("Beta Studio", null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"600000\",\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + beta + "/contract").then().statusCode(200);
        Api.admin().body("{\"invoicedUsd\":\"5100\"}").put("/api/accounts/" + beta + "/invoices/2026-10").then().statusCode(200);

        long zeta = Api.createAccount("Zeta Package", null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"120000.00\","
                + "\"contractRatePerSecond\":\"0.0050\"}").put("/api/accounts/" + zeta + "/contract").then().statusCode(200);
        Api.admin().body("[{\"month\":\"2026-10\",\"seconds\":\"150000\"}]").post("/api/accounts/" + zeta + "/usage").then()
                .statusCode(200);

        Api.createAccount("No contract yet", null); // not in any statement mail
        accounts.addAll(List.of(acme, beta, zeta));

        subscribed = Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"finance@example.com\",\"statements\":true}")
                .post("/api/notification-channels").then().statusCode(201).body("statements", equalTo(true))
                .extract().jsonPath().getLong("id");
        notSubscribed = Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"alerts-only@example.com\"}")
                .post("/api/notification-channels").then().statusCode(201).body("statements", equalTo(false))
                .extract().jsonPath().getLong("id");
    }

    @Test
    @Order(1)
    void theMonthIsDueFromTheFirstAtSendAtUntilTheNextMonthsMail() {
        LocalTime six = LocalTime.of(6, 0);
        assertEquals(YearMonth.of(2026, 9), StatementMails.dueMonth(Instant.parse("2026-11-01T05:59:59Z"), six));
        assertEquals(OCTOBER, StatementMails.dueMonth(NOV_1_0600, six));
        assertEquals(OCTOBER, StatementMails.dueMonth(Instant.parse("2026-11-30T23:59:59Z"), six));
        assertEquals(OCTOBER, StatementMails.dueMonth(Instant.parse("2026-12-01T05:59:59.999Z"), six));
        assertEquals(YearMonth.of(2026, 11), StatementMails.dueMonth(Instant.parse("2026-12-01T06:00:00Z"), six));
        assertEquals(YearMonth.of(2026, 12), StatementMails.dueMonth(Instant.parse("2027-01-01T00:00:00Z"), LocalTime.MIDNIGHT));
        assertEquals("acme-ops-co", StatementMails.slug("Acme <Ops> & Co"));
        assertEquals("cafe-munchen", StatementMails.slug("Café München"));
        assertEquals("account", StatementMails.slug("<>"));
    }

    @Test
    @Order(2)
    void eachSubscriberGetsTheMonthOnceInPartsWithEveryAccountsPdfAndCsv() throws Exception {
        assertEquals(1, statementMails.queueDue(NOV_1_0600), "one subscribed channel");
        List<AlertDelivery> queued = AlertRows.deliveriesTo(subscribed);
        assertEquals(List.of("statements-2026-10-1", "statements-2026-10-2"), queued.stream().map(d -> d.eventId).toList());
        assertTrue(queued.stream().allMatch(d -> AlertDelivery.STATEMENTS.equals(d.eventType) && d.alertId == null));
        assertTrue(AlertRows.deliveriesTo(notSubscribed).isEmpty(), "a channel that does not subscribe gets no statements");

        for (AlertDelivery delivery : queued) {
            AlertDelivery done = rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(30));
            assertEquals(AlertDelivery.State.DELIVERED, done.state, done.lastError);
        }
        List<MimeMessage> mails = mailsTo("finance@example.com");
        assertEquals(List.of("<statements-2026-10-1@spend-portal.localhost>", "<statements-2026-10-2@spend-portal.localhost>"),
                MailDeliveryTest.messageIds(mails));
        assertEquals(2, mails.size(), "one mail per part");
        assertEquals("[Spend Portal] Statements for October 2026 (1 of 2)", mails.get(0).getSubject());
        assertEquals("[Spend Portal] Statements for October 2026 (2 of 2)", mails.get(1).getSubject());

        // Part 1: Acme and Beta (by name); part 2: Zeta. Each attachment is what the downloads give for 1 November.
        Map<String, byte[]> first = attachments(mails.get(0));
        Map<String, byte[]> second = attachments(mails.get(1));
        assertEquals(List.of("statement-" + accounts.get(0) + "-acme-ops-co-2026-10.pdf",
                "statement-" + accounts.get(0) + "-acme-ops-co-2026-10.csv",
                "statement-" + accounts.get(1) + "-beta-studio-2026-10.pdf",
                "statement-" + accounts.get(1) + "-beta-studio-2026-10.csv"), List.copyOf(first.keySet()));
        assertEquals(List.of("statement-" + accounts.get(2) + "-zeta-package-2026-10.pdf",
                "statement-" + accounts.get(2) + "-zeta-package-2026-10.csv"), List.copyOf(second.keySet()));
        Map<String, byte[]> all = new LinkedHashMap<>(first);
        all.putAll(second);
        Browser browser = Browser.admin();
        for (long id : accounts) {
            String stem = all.keySet().stream().filter(n -> n.startsWith("statement-" + id + "-") && n.endsWith(".csv")).findFirst()
                    .orElseThrow().replaceAll("\\.csv$", "");
            String download = browser.get("/accounts/" + id + "/statement.csv?asOf=2026-11-01").then().statusCode(200)
                    .extract().asString();
            assertEquals(download, new String(all.get(stem + ".csv"), StandardCharsets.UTF_8), "the CSV of account " + id);
            String pdf = pdfText(all.get(stem + ".pdf"));
            JsonPath statement = Api.admin().get("/api/accounts/" + id + "/statement?asOf=2026-11-01").then().statusCode(200)
                    .extract().jsonPath();
            int row = statement.getList("months.month", String.class).indexOf("2026-10");
            assertEquals("CLOSED", statement.getString("months[" + row + "].status"), "October is closed in the mail's statement");
            String figure = statement.getString("model").equals("USAGE_BASED") ? "totalUsd" : "drawdownUsd";
            String usd = Formats.usd(new BigDecimal(statement.getString("months[" + row + "]." + figure)));
            assertTrue(pdf.contains("Oct 2026") && pdf.contains(usd), "the PDF of account " + id + " shows " + usd + ":\n" + pdf);
        }

        // The summary, in plain text and HTML: October's figure, the invoice and the reconciliation of each account.
        String text = MailDeliveryTest.part(mails.get(0), "text/plain");
        assertTrue(text.contains("Statements for October 2026, part 1 of 2, as of 1 Nov 2026."), text);
        assertTrue(text.contains("Acme <Ops> & Co (usage-based)"), text);
        assertTrue(text.contains("Billed $5,833.00, of which overage $833.00"), "5000 + 100,000 s x $0.00833: " + text);
        assertTrue(text.contains("Invoiced $5,833.40, difference $0.40: MATCHED"), text);
        assertTrue(text.contains("Invoiced $5,100.00, difference $100.00: DIFFERS"), text);
        assertTrue(text.contains("Total for October 2026: $10,833.00 (this part)"), text);
        assertTrue(text.contains("At least one invoice differs"), text);
        assertTrue(text.contains("http://localhost:8080/accounts/" + accounts.get(0)), text);
        String html = MailDeliveryTest.part(mails.get(0), "text/html");
        assertFalse(html.contains("<Ops>"), "the account name is escaped in HTML");
        Document body = Jsoup.parse(html);
        assertEquals(List.of("Acme <Ops> & Co usage-based", "Beta Studio usage-based"), body.select("tbody td:first-child").eachText());
        assertTrue(body.select("tbody tr").get(0).text().contains("$5,833.00 overage $833.00 $5,833.40 $0.40 MATCHED"),
                body.select("tbody").text());
        String zeta = MailDeliveryTest.part(mails.get(1), "text/plain");
        assertTrue(zeta.contains("Zeta Package (dollar package)") && zeta.contains("Drawdown $750.00")
                && zeta.contains("No invoice recorded yet (OPEN)"), "150,000 s x $0.0050: " + zeta);
    }

    @Test
    @Order(3)
    void aLaterCheckSendsNothingMoreAndARetryIsTheSameMessage() throws Exception {
        assertEquals(0, statementMails.queueDue(NOV_1_0600.plusSeconds(60)));
        assertEquals(0, statementMails.queueDue(Instant.parse("2026-11-30T23:00:00Z")));
        assertEquals(2, AlertRows.deliveriesTo(subscribed).size());

        // Unsubscribed and subscribed again within the month: still nothing more for October
        Api.admin().body("{\"statements\":false}").patch("/api/notification-channels/" + subscribed).then().statusCode(200)
                .body("statements", equalTo(false));
        Api.admin().body("{\"statements\":true}").patch("/api/notification-channels/" + subscribed).then().statusCode(200)
                .body("statements", equalTo(true));
        assertEquals(0, statementMails.queueDue(Instant.parse("2026-11-15T12:00:00Z")));

        // As if the SMTP server's answer to part 2 had been lost: sent again, as the same message.
        AlertDelivery part2 = AlertRows.deliveriesTo(subscribed).get(1);
        QuarkusTransaction.requiringNew().run(() -> AlertDelivery.update("state = ?1, nextAttemptAt = ?2 where id = ?3",
                AlertDelivery.State.PENDING, Instant.now(), part2.id));
        assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(part2.id, Duration.ofSeconds(30)).state);
        List<MimeMessage> mails = mailsTo("finance@example.com");
        assertEquals(3, mails.size());
        assertEquals(mails.get(1).getMessageID(), mails.get(2).getMessageID(), "the retry is the same message");

        // November's mail is due on 1 December after send-at, not before
        assertEquals(0, statementMails.queueDue(Instant.parse("2026-12-01T05:59:00Z")));
        assertEquals(1, statementMails.queueDue(Instant.parse("2026-12-01T06:00:00Z")));
        assertEquals(List.of("statements-2026-10-1", "statements-2026-10-2", "statements-2026-11-1", "statements-2026-11-2"),
                AlertRows.deliveriesTo(subscribed).stream().map(d -> d.eventId).toList());
    }

    @Test
    @Order(4)
    void aChannelSubscribedLaterInTheMonthGetsItThen() {
        Api.admin().body("{\"statements\":true}").patch("/api/notification-channels/" + notSubscribed).then().statusCode(200);
        assertEquals(1, statementMails.queueDue(Instant.parse("2026-12-20T10:00:00Z")));
        assertEquals(List.of("statements-2026-11-1", "statements-2026-11-2"),
                AlertRows.deliveriesTo(notSubscribed).stream().map(d -> d.eventId).toList());
        Api.admin().queryParam("target", "channel:" + notSubscribed).get("/api/audit").then().statusCode(200)
                .body("[0].action", equalTo("channel.statements.on"));
    }

    @Test
    @Order(5)
    void onlyAnEmailChannelSubscribesAndABadValueIsRefusedByName() {
        Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/x\",\"statements\":true}")
                .post("/api/notification-channels").then().statusCode(400).body("error.field", equalTo("statements"));
        long hook = Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/x\"}")
                .post("/api/notification-channels").then().statusCode(201).body("statements", equalTo(false))
                .extract().jsonPath().getLong("id");
        Api.admin().body("{\"statements\":true}").patch("/api/notification-channels/" + hook).then().statusCode(400)
                .body("error.field", equalTo("statements"));
        Api.admin().body("{\"statements\":\"yes\"}").patch("/api/notification-channels/" + subscribed).then().statusCode(400)
                .body("error.field", equalTo("statements"));
        Api.admin().body("{\"address\":\"x@example.com\"}").patch("/api/notification-channels/" + subscribed).then()
                .statusCode(400).body("error.field", equalTo("address"));
        Api.admin().body("{\"statements\":true}").patch("/api/notification-channels/999999").then().statusCode(404);
        Api.as("viewer-nobody", "x").body("{\"statements\":false}").patch("/api/notification-channels/" + subscribed).then()
                .statusCode(401);
    }

    @Test
    @Order(6)
    void thePageSubscribesAndShowsWhoGetsStatements() {
        Browser admin = Browser.admin();
        Document page = admin.page("/alerts");
        assertFalse(page.select("input[type=checkbox][name=statements]").isEmpty(), "the e-mail form has the checkbox");
        Document added = Jsoup.parse(admin.post("/alerts/channels", Map.of("kind", "EMAIL", "address", "cfo@example.com",
                "statements", "on")).asString());
        String row = added.select("table.channels tr:contains(cfo@example.com)").text();
        assertTrue(row.contains("subscribed") && row.contains("Stop statements"), row);
        long cfo = QuarkusTransaction.requiringNew().call(() -> NotificationChannel.<NotificationChannel>find("target",
                "cfo@example.com").singleResult().id);
        assertEquals(303, admin.post("/alerts/channels/" + cfo + "/statements", Map.of("statements", "false")).statusCode());
        assertFalse(QuarkusTransaction.requiringNew().call(() -> NotificationChannel.<NotificationChannel>findById(cfo).statements));
        String again = admin.page("/alerts").select("table.channels tr:contains(cfo@example.com)").text();
        assertTrue(again.contains("Send statements"), again);
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        }
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                found.add(message);
            }
        }
        return found;
    }

    /** The attachments by file name, in the mail's order. */
    private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
        Map<String, byte[]> found = new LinkedHashMap<>();
        collect(message, found);
        return found;
    }

    private static void collect(Part part, Map<String, byte[]> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), into);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            try (InputStream in = part.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                into.put(part.getFileName(), out.toByteArray());
            }
        }
    }
}
