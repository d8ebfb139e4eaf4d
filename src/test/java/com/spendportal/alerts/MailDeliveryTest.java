package com.spendportal.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.spendportal.accounts.Account;
import com.spendportal.support.CapturedLogs;
import com.spendportal.web.PortalConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alert e-mails through a real SMTP server (GreenMail on {@code %test.quarkus.mailer.port}), and no
 * secret in any mail, webhook or log line.
 */
@QuarkusTest
class MailDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3465, "localhost", ServerSetup.PROTOCOL_SMTP));

    @Inject
    AlertRows rows;

    @Inject
    Deliveries deliveries;

    @Inject
    MailSender mails;

    @Inject
    PortalConfig config;

    /** The distinct Message-IDs of these mails, in the order received. */
    static List<String> messageIds(List<MimeMessage> mails) {
        return mails.stream().map(mail -> {
            try {
                return mail.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct().toList();
    }

    private List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    found.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** The text/plain and text/html parts, however nested. */
    private static void parts(Part part, List<Part> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                parts(multipart.getBodyPart(i), into);
            }
        } else {
            into.add(part);
        }
    }

    static String part(MimeMessage message, String type) throws Exception {
        List<Part> all = new ArrayList<>();
        parts(message, all);
        return all.stream().filter(p -> {
            try {
                return p.isMimeType(type);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).map(p -> {
            try {
                return (String) p.getContent();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).reduce((a, b) -> {
            throw new AssertionError("two " + type + " parts");
        }).orElseThrow(() -> new AssertionError("no " + type + " part"));
    }

    @Test
    void aRetryAfterALostAnswerCarriesTheSameMessageIdMadeFromTheEventId() throws Exception {
        String address = "retry-" + UUID.randomUUID() + "@example.com";
        NotificationChannel channel = rows.channel(NotificationChannel.Kind.EMAIL, address, null);
        Account account = rows.account("Message-ID Co", null);
        try {
            Alert alert = rows.fire(account, "Pool 81.0% used");
            AlertDelivery first = rows.deliverUntilSettled(AlertRows.delivery(alert.id, channel.id).id, Duration.ofSeconds(10));
            assertEquals(AlertDelivery.State.DELIVERED, first.state);
            // As if the server's answer had been lost: the delivery is due again and is sent a second time.
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> AlertDelivery.update(
                    "state = ?1, nextAttemptAt = ?2 where id = ?3", AlertDelivery.State.PENDING, java.time.Instant.now(), first.id));
            AlertDelivery second = rows.deliverUntilSettled(first.id, Duration.ofSeconds(10));
            assertEquals(AlertDelivery.State.DELIVERED, second.state);
            assertEquals(2, second.attempts);

            List<MimeMessage> received = mailsTo(address);
            assertEquals(2, received.size());
            String expected = "<" + first.eventId + "@spend-portal.localhost>";
            assertEquals(expected, MailSender.messageId(first.eventId));
            assertEquals(expected, received.get(0).getMessageID());
            assertEquals(expected, received.get(1).getMessageID(), "the retry is the same message");
        } finally {
            AlertRows.remove(channel);
        }
    }

    @Test
    void eachEventIsOneMailWithBothPartsTheAccountNameEscapedAndALinkToTheAccount() throws Exception {
        assertTrue(mails.sendsForReal());
        String address = "ops-" + UUID.randomUUID() + "@example.com";
        NotificationChannel channel = rows.channel(NotificationChannel.Kind.EMAIL, address, null);
        Account account = rows.account("<b>Tom & Jerry</b>", null);
        try {
            Alert alert = rows.fire(account, "Pool 82.5% used: 1,650,000 s of 2,000,000 s <i>this month</i>");
            AlertDelivery done = rows.deliverUntilSettled(AlertRows.delivery(alert.id, channel.id).id, Duration.ofSeconds(10));
            assertEquals(AlertDelivery.State.DELIVERED, done.state);
            assertNull(done.lastError);
            assertNull(done.lastStatus);
            deliveries.deliverDue().join();

            // On a loaded machine the server may accept a send whose answer comes after the timeout, and the retry then
            // arrives too: what the portal promises is one Message-ID per event, by which mail systems fold such copies
            List<MimeMessage> received = mailsTo(address);
            assertEquals(List.of("<" + done.eventId + "@spend-portal.localhost>"), messageIds(received), "one mail per event");
            assertTrue(received.size() <= done.attempts, "a copy only for a send that was retried");
            MimeMessage mail = received.get(0);
            assertEquals("[Spend Portal] POOL_80 firing: " + account.name, mail.getSubject());
            assertEquals(done.eventId, mail.getHeader("X-Portal-Event-Id")[0]);
            assertEquals(MailSender.messageId(done.eventId), mail.getHeader("Message-ID")[0]);
            assertTrue(mail.getFrom()[0].toString().contains("spend-portal@localhost"));

            String link = config.baseUrl() + "/accounts/" + account.id;
            String text = part(mail, "text/plain");
            assertTrue(text.contains("POOL_80 is firing for " + account.name), text);
            assertTrue(text.contains(alert.message), text);
            assertTrue(text.contains("Fired:"), text);
            assertTrue(text.contains(link), text);

            String html = part(mail, "text/html");
            assertFalse(html.contains("<b>Tom"), "the account name is escaped: " + html);
            assertFalse(html.contains("<i>this"), "the message is escaped: " + html);
            assertTrue(html.contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"), html);
            Document page = Jsoup.parse(html);
            assertTrue(page.select("h1").text().contains(account.name), page.select("h1").text());
            assertEquals(link, page.select("a").attr("href"));
            assertTrue(page.select("p").text().contains(alert.message));

            rows.resolve(alert, account.name);
            AlertDelivery resolved = AlertRows.deliveriesTo(channel.id).get(1);
            rows.deliverUntilSettled(resolved.id, Duration.ofSeconds(10));
            List<MimeMessage> both = mailsTo(address);
            assertEquals(2, messageIds(both).size(), "the firing and the resolution");
            MimeMessage last = both.get(both.size() - 1);
            assertEquals("[Spend Portal] POOL_80 resolved: " + account.name, last.getSubject());
            assertEquals("<" + resolved.eventId + "@spend-portal.localhost>", last.getMessageID());
            assertTrue(part(last, "text/plain").contains("Resolved:"));
        } finally {
            AlertRows.remove(channel);
        }
    }

    @Test
    void aTestEventIsASimpleTestMail() throws Exception {
        String address = "test-" + UUID.randomUUID() + "@example.com";
        NotificationChannel channel = rows.channel(NotificationChannel.Kind.EMAIL, address, null);
        try {
            AlertDelivery test = rows.test(channel);
            assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(test.id, Duration.ofSeconds(10)).state);
            List<MimeMessage> received = mailsTo(address);
            assertEquals(List.of(MailSender.messageId(test.eventId)), messageIds(received), "a test mail has its Message-ID too");
            assertEquals("[Spend Portal] Test message", received.get(0).getSubject());
            assertTrue(part(received.get(0), "text/plain").contains("This is a test message"));
            assertTrue(part(received.get(0), "text/html").contains("Test message"));
        } finally {
            AlertRows.remove(channel);
        }
    }

    @Test
    void noSecretNorApiKeyInAnyMailWebhookOrLogLine() throws Exception {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        String apiKey = "heygen-key-" + UUID.randomUUID();
        String secret = "whsec-" + UUID.randomUUID();
        String address = "secrets-" + UUID.randomUUID() + "@example.com";
        NotificationChannel mail = rows.channel(NotificationChannel.Kind.EMAIL, address, null);
        NotificationChannel failing = rows.channel(NotificationChannel.Kind.WEBHOOK, receiver.baseUrl() + "/missing", secret);
        NotificationChannel hook = rows.channel(NotificationChannel.Kind.WEBHOOK, receiver.baseUrl() + "/hook", secret);
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(ok()));
        try (CapturedLogs logs = CapturedLogs.start()) {
            Account account = rows.account("Keyed", apiKey);
            Alert alert = rows.fire(account, "Balance $12.00 is below $100.00");
            rows.resolve(alert, account.name);
            rows.test(hook);
            for (AlertDelivery delivery : AlertRows.deliveriesTo(hook.id)) {
                assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(10)).state);
            }
            for (AlertDelivery delivery : AlertRows.deliveriesTo(mail.id)) {
                assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(10)).state);
            }
            for (AlertDelivery delivery : AlertRows.deliveriesTo(failing.id)) {
                assertEquals(AlertDelivery.State.FAILED, rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(10)).state);
            }

            List<String> everything = new ArrayList<>(logs.lines());
            for (MimeMessage message : mailsTo(address)) {
                everything.add(GreenMailUtil.getWholeMessage(message));
            }
            assertEquals(2, messageIds(mailsTo(address)).size());
            List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
            assertEquals(3, requests.stream().map(request -> request.getHeader("X-Portal-Event-Id")).distinct().count(),
                    "three events (a retry under load repeats one)");
            for (LoggedRequest request : receiver.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock
                    .anyUrl()))) {
                everything.add(request.getHeaders().toString() + new String(request.getBody(), StandardCharsets.UTF_8));
            }
            for (long channelId : List.of(mail.id, failing.id, hook.id)) {
                for (AlertDelivery delivery : AlertRows.deliveriesTo(channelId)) {
                    everything.add(delivery.body + " " + delivery.lastError);
                }
            }
            assertTrue(logs.lines().stream().anyMatch(line -> line.contains("HTTP 404")), "the failures are logged");
            for (String text : everything) {
                assertFalse(text.contains(secret), "the webhook secret leaked: " + text);
                assertFalse(text.contains(apiKey), "the API key leaked: " + text);
                assertFalse(text.contains(receiver.baseUrl() + "/missing"), "a webhook URL (it may hold a token): " + text);
            }
        } finally {
            AlertRows.remove(mail, failing, hook);
            receiver.stop();
        }
    }

    /**
     * Sent from threads outside Vert.x, as the delivery lanes send, one after another and side by side,
     * every mail is accepted at the first try. Sent from such a thread straight through the mailer, about
     * one send in 30 to 100 lost the SMTP server's greeting and waited for it until the timeout (3 s here).
     */
    @Test
    void mailsFromManyThreadsAreEachAcceptedAtTheFirstTry() throws Exception {
        int count = 200;
        ExecutorService lanes = Executors.newFixedThreadPool(4);
        try {
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String address = "burst-" + i + "-" + UUID.randomUUID() + "@example.com";
                results.add(lanes.submit(() -> mails.sendOnMailContext(Mail.withText(address, "Burst", "One of many."))));
            }
            List<String> failed = new ArrayList<>();
            for (Future<SendResult> result : results) {
                SendResult sent = result.get();
                if (!sent.delivered()) {
                    failed.add(sent.note());
                }
            }
            assertEquals(List.of(), failed, "sends that were not accepted at once");
            assertEquals(count, SMTP.getReceivedMessages().length);
        } finally {
            lanes.shutdownNow();
        }
    }
}
