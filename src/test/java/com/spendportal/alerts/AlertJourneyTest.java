package com.spendportal.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.spendportal.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole way (DESIGN §11): channels added through the API, a usage-based account crossing 80% of
 * this month's pool, one e-mail and one signed webhook for that transition, nothing more on later
 * checks, and the resolution when the usage drops.
 */
@QuarkusTest
class AlertJourneyTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3465, "localhost", ServerSetup.PROTOCOL_SMTP));

    static WireMockServer receiver;

    @Inject
    AlertChecker checker;

    @Inject
    Deliveries deliveries;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/journey")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @AfterEach
    void checksOff() {
        checker.enable(false);
        // No channel outlives the test: later tests' transitions would be queued to this e-mail address and to a
        // webhook receiver that is stopped by then
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll());
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneMailAndOneSignedWebhookPerTransition() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> NotificationChannel.deleteAll()); // only this test's channels
        checker.enable(true);
        String address = "finops-" + System.nanoTime() + "@example.com";
        Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"" + address + "\"}").post("/api/notification-channels")
                .then().statusCode(201);
        String secret = Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"http://localhost:" + receiver.port() + "/journey\"}")
                .post("/api/notification-channels").then().statusCode(201).extract().path("secret");

        long id = AlertStateTest.usageBasedAccount();
        AlertStateTest.useThisMonth(id, "500000");
        AlertStateTest.awaitState(id, Alert.Type.POOL_80, Alert.State.FIRING);
        checker.checkAll(); // later checks change nothing
        deliveries.deliverDue().join();

        // Under load the SMTP server may accept a send whose answer comes after the timeout; the retry then arrives too,
        // with the same Message-ID (mail systems fold such copies): what the portal can promise is one Message-ID per event
        List<MimeMessage> mails = mailsTo(address);
        List<String> firedIds = MailDeliveryTest.messageIds(mails.stream().filter(m -> subject(m).contains("POOL_80 firing")).toList());
        assertEquals(1, firedIds.size(), "one POOL_80 mail");
        List<LoggedRequest> hooks = receiver.findAll(postRequestedFor(urlEqualTo("/journey")));
        List<LoggedRequest> pool80 = hooks.stream().filter(r -> r.getBodyAsString().contains("\"POOL_80\"")).toList();
        assertEquals(1, pool80.stream().map(r -> r.getHeader("X-Portal-Event-Id")).distinct().count(),
                "one POOL_80 webhook (a retry under load repeats its event id)");
        LoggedRequest hook = pool80.get(0);
        String body = hook.getBodyAsString();
        assertTrue(body.contains("\"type\":\"alert.fired\"") && body.contains("\"accountId\":" + id), body);
        assertEquals(hook.getHeader("X-Portal-Event-Id"), body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        String mailEventId = mails.stream().filter(m -> subject(m).contains("POOL_80 firing")).findFirst().orElseThrow()
                .getHeader("X-Portal-Event-Id")[0];
        assertEquals(List.of(MailSender.messageId(mailEventId)), firedIds, "the Message-ID is the event's");
        String[] signature = hook.getHeader("X-Portal-Signature").split(",");
        String t = signature[0].substring(2);
        assertEquals("v1=" + hmac(secret, t + "." + body), signature[1], "signed with the channel's secret");

        checker.checkAll();
        assertEquals(0, checker.check(id));
        deliveries.deliverDue().join();
        assertEquals(firedIds, MailDeliveryTest.messageIds(mailsTo(address).stream().filter(m -> subject(m).contains("POOL_80")).toList()),
                "nothing sent again");

        AlertStateTest.useThisMonth(id, "100000");
        AlertStateTest.awaitState(id, Alert.Type.POOL_80, Alert.State.RESOLVED);
        deliveries.deliverDue().join();
        assertEquals(1, MailDeliveryTest.messageIds(mailsTo(address).stream().filter(m -> subject(m).contains("POOL_80 resolved")).toList())
                .size(), "one POOL_80 resolved mail");
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/journey"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"alert.resolved\"") && r.getBodyAsString().contains("\"POOL_80\""))
                .map(r -> r.getHeader("X-Portal-Event-Id")).distinct().count());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
