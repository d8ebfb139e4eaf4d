package com.spendportal.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.spendportal.accounts.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks, each event sent once per attempt (DESIGN §11), against a WireMock receiver; the
 * tests run the worker themselves ({@code portal.alerts.delivery-tick} is 1h in tests, retries wait
 * 1 s, then 2 s, and the third failure is final).
 */
@QuarkusTest
class WebhookDeliveryTest {

    static WireMockServer receiver;

    @Inject
    AlertRows rows;

    @Inject
    Deliveries deliveries;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** A webhook channel to a path of its own on the receiver, answering {@code status}. */
    private NotificationChannel webhook(String path, String secret) {
        return rows.channel(NotificationChannel.Kind.WEBHOOK, receiver.baseUrl() + path, secret);
    }

    private static String uniquePath() {
        return "/hook-" + UUID.randomUUID();
    }

    private List<LoggedRequest> requestsTo(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    @Test
    void anEventIsPostedOnceWithItsStoredBodySignedWithTheChannelSecret() throws Exception {
        String path = uniquePath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        String secret = "whsec-" + UUID.randomUUID();
        NotificationChannel channel = webhook(path, secret);
        Account account = rows.account("Acme Video", null);
        try {
            Alert alert = rows.fire(account, "80.0% of the pool used: 1,600,000 s of 2,000,000 s");
            AlertDelivery delivery = AlertRows.delivery(alert.id, channel.id);
            long before = Instant.now().getEpochSecond();
            AlertDelivery done = rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(10));

            assertEquals(AlertDelivery.State.DELIVERED, done.state);
            assertEquals(1, done.attempts);
            assertEquals(200, done.lastStatus);
            assertNotNull(done.deliveredAt);
            assertNull(done.lastError);
            deliveries.deliverDue().get();
            List<LoggedRequest> requests = requestsTo(path);
            assertEquals(1, requests.size(), "sent once");

            LoggedRequest request = requests.get(0);
            String body = new String(request.getBody(), StandardCharsets.UTF_8);
            assertEquals(delivery.body, body, "the stored body, byte for byte");
            assertEquals("application/json", request.getHeader("Content-Type"));
            assertEquals(delivery.eventId, request.getHeader("X-Portal-Event-Id"));
            String signature = request.getHeader("X-Portal-Signature");
            long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
            assertTrue(t >= before && t <= Instant.now().getEpochSecond(), "t is the time of the attempt: " + t);
            assertEquals("t=" + t + ",v1=" + hmacHex(secret, t + "." + body), signature);

            JsonNode json = mapper.readTree(body);
            assertEquals(delivery.eventId, json.get("id").asText());
            assertEquals("alert.fired", json.get("type").asText());
            assertEquals(alert.id.longValue(), json.get("alert").get("id").asLong());
            assertEquals(account.id.longValue(), json.get("alert").get("accountId").asLong());
            assertEquals(account.name, json.get("alert").get("accountName").asText());
            assertEquals("POOL_80", json.get("alert").get("type").asText());
            assertEquals("FIRING", json.get("alert").get("state").asText());
            assertEquals(alert.message, json.get("alert").get("message").asText());
            assertEquals(alert.firedAt, Instant.parse(json.get("alert").get("firedAt").asText()));
            assertTrue(json.get("alert").get("resolvedAt").isNull());
            Instant.parse(json.get("sentAt").asText());
            assertTrue(json.get("text").asText().startsWith("[Spend Portal] POOL_80 firing: " + account.name),
                    json.get("text").asText());
            assertFalse(body.contains(secret));
        } finally {
            AlertRows.remove(channel);
        }
    }

    @Test
    void eachTransitionIsItsOwnEventAndATestGoesToItsChannelOnly() throws Exception {
        String path = uniquePath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        NotificationChannel first = webhook(path, "first-secret");
        NotificationChannel second = webhook(uniquePath(), "second-secret");
        Account account = rows.account("Two channels", null);
        try {
            Alert alert = rows.fire(account, "Projected overage $120.00");
            rows.resolve(alert, account.name);
            List<AlertDelivery> toFirst = AlertRows.deliveriesTo(first.id);
            List<AlertDelivery> toSecond = AlertRows.deliveriesTo(second.id);
            assertEquals(2, toFirst.size());
            assertEquals(List.of("alert.fired", "alert.resolved"), toFirst.stream().map(d -> d.eventType).toList());
            assertEquals(toFirst.stream().map(d -> d.eventId).toList(), toSecond.stream().map(d -> d.eventId).toList(),
                    "one event id per transition, shared by the channels");
            assertFalse(toFirst.get(0).eventId.equals(toFirst.get(1).eventId));
            assertEquals(toFirst.get(0).body, toSecond.get(0).body);
            JsonNode resolved = mapper.readTree(toFirst.get(1).body);
            assertEquals("RESOLVED", resolved.get("alert").get("state").asText());
            assertFalse(resolved.get("alert").get("resolvedAt").isNull());

            AlertDelivery test = rows.test(second);
            assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> AlertDelivery.count("eventId", test.eventId)));
            assertEquals(second.id, test.channelId);
            JsonNode body = mapper.readTree(test.body);
            assertEquals("test", body.get("type").asText());
            assertTrue(body.has("alert") && body.get("alert").isNull());
            assertEquals(AlertDelivery.State.PENDING, test.state);
            assertEquals(0, test.attempts);
        } finally {
            AlertRows.remove(first, second);
        }
    }

    @Test
    void failuresAreRetriedWithTheSameEventAfterDoublingWaits() {
        String path = uniquePath();
        String scenario = "retry-" + path;
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError()).willSetStateTo("failed once"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(204)));
        NotificationChannel channel = webhook(path, "retry-secret");
        try {
            Alert alert = rows.fire(rows.account("Retried", null), "Balance $40.00 is below $100.00");
            AlertDelivery queued = AlertRows.delivery(alert.id, channel.id);

            AlertDelivery afterOne = rows.deliverUntilAttempted(queued.id, 1);
            assertEquals(AlertDelivery.State.PENDING, afterOne.state);
            assertEquals(500, afterOne.lastStatus);
            assertEquals("HTTP 500", afterOne.lastError);
            assertEquals(Duration.ofSeconds(1), Duration.between(afterOne.lastAttemptAt, afterOne.nextAttemptAt)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

            AlertDelivery afterTwo = rows.deliverUntilAttempted(queued.id, 2);
            assertEquals(503, afterTwo.lastStatus);
            assertEquals(Duration.ofSeconds(2), Duration.between(afterTwo.lastAttemptAt, afterTwo.nextAttemptAt)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

            AlertDelivery done = rows.deliverUntilSettled(queued.id, Duration.ofSeconds(10));
            assertEquals(AlertDelivery.State.DELIVERED, done.state);
            assertEquals(3, done.attempts);
            assertEquals(204, done.lastStatus);

            List<LoggedRequest> requests = new ArrayList<>(requestsTo(path));
            requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
            assertEquals(3, requests.size());
            for (LoggedRequest request : requests) {
                assertEquals(queued.eventId, request.getHeader("X-Portal-Event-Id"));
                assertEquals(queued.body, new String(request.getBody(), StandardCharsets.UTF_8));
            }
            long firstWait = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
            long secondWait = requests.get(2).getLoggedDate().getTime() - requests.get(1).getLoggedDate().getTime();
            assertTrue(firstWait >= 1000 && firstWait < 2000, "first wait " + firstWait + " ms");
            assertTrue(secondWait >= 2000 && secondWait < 3000, "second wait " + secondWait + " ms");
        } finally {
            AlertRows.remove(channel);
        }
    }

    @Test
    void aDeliveryIsGivenUpAfterMaxAttempts() {
        String path = uniquePath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(404)));
        NotificationChannel channel = webhook(path, "gone-secret");
        try {
            Alert alert = rows.fire(rows.account("Given up", null), "Balance $0.00");
            AlertDelivery queued = AlertRows.delivery(alert.id, channel.id);
            AlertDelivery done = rows.deliverUntilSettled(queued.id, Duration.ofSeconds(10));

            assertEquals(AlertDelivery.State.FAILED, done.state);
            assertEquals(3, done.attempts, "portal.alerts.max-attempts is 3 in tests");
            assertEquals(404, done.lastStatus);
            assertEquals("HTTP 404", done.lastError);
            assertNull(done.nextAttemptAt);
            assertNull(done.deliveredAt);
            deliveries.deliverDue().join();
            assertEquals(3, requestsTo(path).size(), "nothing more after FAILED");
        } finally {
            AlertRows.remove(channel);
        }
    }

    @Test
    void aHangingEndpointDelaysNeitherAnotherChannelNorTheCaller() {
        String slowPath = uniquePath();
        String fastPath = uniquePath();
        receiver.stubFor(post(urlEqualTo(slowPath)).willReturn(ok().withFixedDelay(13_000)));
        receiver.stubFor(post(urlEqualTo(fastPath)).willReturn(ok()));
        NotificationChannel slow = webhook(slowPath, "slow-secret");
        NotificationChannel fast = webhook(fastPath, "fast-secret");
        try {
            Alert alert = rows.fire(rows.account("Hanging", null), "Pool 100% used");
            long started = System.nanoTime();
            var lanes = deliveries.deliverDue();
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000, "deliverDue only starts the lanes");

            AlertDelivery fastOne = rows.deliverUntilSettled(AlertRows.delivery(alert.id, fast.id).id, Duration.ofSeconds(3));
            assertEquals(AlertDelivery.State.DELIVERED, fastOne.state, "the other channel did not wait");
            AlertDelivery slowOne = AlertRows.delivery(alert.id, slow.id);
            assertEquals(AlertDelivery.State.PENDING, slowOne.state);
            assertEquals(0, slowOne.attempts, "still waiting for its answer");

            lanes.join();
            AlertDelivery timedOut = AlertRows.delivery(alert.id, slow.id);
            assertEquals(1, timedOut.attempts);
            assertEquals("no answer within 10 s", timedOut.lastError);
            assertNull(timedOut.lastStatus);
            long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(took >= 9_500 && took < 12_500, "the request timeout is 10 s, took " + took + " ms");
        } finally {
            AlertRows.remove(slow, fast);
        }
    }

    @Test
    void concurrentClaimsNeverTakeTheSameAttemptAndALeaseOutlivesItsInstance() throws Exception {
        String path = uniquePath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        NotificationChannel channel = webhook(path, "claim-secret");
        try {
            for (int i = 0; i < 12; i++) {
                rows.fire(rows.account("Claimed " + i, null), "Alert " + i);
            }
            List<Long> queued = AlertRows.deliveriesTo(channel.id).stream().map(d -> d.id).toList();
            assertEquals(12, queued.size());

            // Several instances claiming at once, as two workers on one database do
            ExecutorService instances = Executors.newFixedThreadPool(6);
            List<Callable<List<Long>>> workers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                workers.add(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (Deliveries.Claim claim = deliveries.claimNext(channel.id); claim != null;
                            claim = deliveries.claimNext(channel.id)) {
                        mine.add(claim.id());
                    }
                    return mine;
                });
            }
            List<Long> claimed = new ArrayList<>();
            for (Future<List<Long>> worker : instances.invokeAll(workers)) {
                claimed.addAll(worker.get());
            }
            instances.shutdown();
            assertEquals(12, claimed.size(), "each claimed exactly once: " + claimed);
            assertEquals(new HashSet<>(queued), new HashSet<>(claimed));

            // Claimed by an instance that then died: nobody sends them until the lease has passed
            deliveries.deliverDue().join();
            assertEquals(0, requestsTo(path).size());
            QuarkusTransaction.requiringNew().run(() -> AlertDelivery.update("claimedUntil = ?1 where channelId = ?2",
                    Instant.now().minusSeconds(1), channel.id));
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 50 && AlertRows.deliveriesTo(channel.id).stream()
                    .anyMatch(d -> d.state == AlertDelivery.State.PENDING); i++) {
                deliveries.deliverDue().join();
            }
            List<LoggedRequest> requests = requestsTo(path);
            for (LoggedRequest request : requests) {
                assertTrue(sent.add(request.getHeader("X-Portal-Event-Id")), "sent twice: " + request.getHeader("X-Portal-Event-Id"));
            }
            assertEquals(12, sent.size());
            assertTrue(AlertRows.deliveriesTo(channel.id).stream().allMatch(d -> d.state == AlertDelivery.State.DELIVERED
                    && d.attempts == 1 && d.claimedUntil == null));
        } finally {
            AlertRows.remove(channel);
        }
    }

    static String hmacHex(String secret, String message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
