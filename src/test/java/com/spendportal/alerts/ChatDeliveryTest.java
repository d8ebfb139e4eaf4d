package com.spendportal.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.spendportal.accounts.Account;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slack and Teams channels (DESIGN §16) against a WireMock receiver: payloads, test button, retries, the URL kept secret. */
@QuarkusTest
class ChatDeliveryTest {

    static WireMockServer receiver;

    @Inject
    AlertRows rows;

    @Inject
    ChatSender chats;

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

    private static String secretPath() {
        return "/services/T000/B000/" + UUID.randomUUID().toString().replace("-", "");
    }

    private long channel(String kind, String path) {
        String response = Api.admin().body("{\"kind\":\"" + kind + "\",\"url\":\"" + receiver.baseUrl() + path + "\"}")
                .post("/api/notification-channels").then().statusCode(201).extract().asString();
        assertFalse(response.contains(path), "the answer shows the host only: " + response);
        return Long.parseLong(response.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    private JsonNode onlyBody(String path) throws Exception {
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, requests.size());
        return mapper.readTree(new String(requests.get(0).getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void slackGetsTextAndBlocksWithTheAccountTheAlertItsFiguresAndALink() throws Exception {
        String path = secretPath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok("ok")));
        long channelId = channel("SLACK", path);
        Account account = rows.account("Acme <Video>", null);
        try {
            Alert alert = rows.fire(account, "80.0% of the pool used: 1,600,000 s of 2,000,000 s");
            AlertDelivery delivery = AlertRows.delivery(alert.id, channelId);
            assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(10)).state);

            JsonNode body = onlyBody(path);
            assertTrue(body.get("text").asText().contains("POOL_80 firing: Acme &lt;Video&gt;"), body.toString());
            JsonNode blocks = body.get("blocks");
            assertEquals("header", blocks.get(0).get("type").asText());
            assertEquals("[Spend Portal] POOL_80 firing: " + account.name, blocks.get(0).get("text").get("text").asText());
            assertEquals("80.0% of the pool used: 1,600,000 s of 2,000,000 s", blocks.get(1).get("text").get("text").asText());
            String fields = blocks.get(2).get("fields").toString();
            assertTrue(fields.contains("*Account*\\n" + account.name.replace("<", "&lt;").replace(">", "&gt;")), fields);
            assertTrue(fields.contains("POOL_80 (firing)"), fields);
            assertEquals("http://localhost:8080/accounts/" + account.id,
                    blocks.get(3).get("elements").get(0).get("url").asText());
            assertEquals(delivery.eventId, receiver.findAll(postRequestedFor(urlEqualTo(path))).get(0).getHeader("X-Portal-Event-Id"));

            String list = Api.admin().get("/api/notification-channels").then().statusCode(200).extract().asString();
            assertFalse(list.contains(path), list);
            String page = Browser.admin().get("/alerts").asString();
            assertFalse(page.contains(path) || page.contains("B000"), "the alerts page shows the host only");
            assertTrue(page.contains("Slack"), page);
        } finally {
            Api.admin().delete("/api/notification-channels/" + channelId).then().statusCode(204);
        }
    }

    @Test
    void teamsGetsAnAdaptiveCardAndIsRetriedWithTheSameEvent() throws Exception {
        String path = secretPath();
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("up").willReturn(aResponse().withStatus(202)));
        long channelId = channel("TEAMS", path);
        Account account = rows.account("Teams Co", null);
        try {
            Alert alert = rows.fire(account, "Projected overage $120.00");
            AlertDelivery delivery = AlertRows.delivery(alert.id, channelId);
            AlertDelivery done = rows.deliverUntilSettled(delivery.id, Duration.ofSeconds(15));
            assertEquals(AlertDelivery.State.DELIVERED, done.state);
            assertEquals(2, done.attempts, "one retry after the 503");

            List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(path)));
            assertEquals(2, requests.size());
            assertEquals(requests.get(0).getHeader("X-Portal-Event-Id"), requests.get(1).getHeader("X-Portal-Event-Id"));
            assertEquals(requests.get(0).getBodyAsString(), requests.get(1).getBodyAsString(), "the same message each time");
            JsonNode body = mapper.readTree(requests.get(1).getBodyAsString());
            assertEquals("message", body.get("type").asText());
            JsonNode attachment = body.get("attachments").get(0);
            assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").asText());
            JsonNode card = attachment.get("content");
            assertEquals("AdaptiveCard", card.get("type").asText());
            assertEquals("[Spend Portal] POOL_80 firing: " + account.name, card.get("body").get(0).get("text").asText());
            assertEquals("Projected overage $120.00", card.get("body").get(1).get("text").asText());
            String facts = card.get("body").get(2).get("facts").toString();
            assertTrue(facts.contains(account.name) && facts.contains("POOL_80 (firing)"), facts);
            assertEquals("Action.OpenUrl", card.get("actions").get(0).get("type").asText());
            assertTrue(card.get("actions").get(0).get("url").asText().endsWith("/accounts/" + account.id));
        } finally {
            Api.admin().delete("/api/notification-channels/" + channelId).then().statusCode(204);
        }
    }

    @Test
    void theTestButtonSendsATestMessageToSlack() throws Exception {
        String path = secretPath();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        long channelId = channel("SLACK", path);
        try {
            long deliveryId = Api.admin().post("/api/notification-channels/" + channelId + "/test").then().statusCode(202)
                    .extract().jsonPath().getLong("id");
            assertEquals(AlertDelivery.State.DELIVERED, rows.deliverUntilSettled(deliveryId, Duration.ofSeconds(10)).state);
            JsonNode body = onlyBody(path);
            assertTrue(body.get("text").asText().contains("Test message"), body.toString());
            assertEquals("[Spend Portal] Test message", body.get("blocks").get(0).get("text").get("text").asText());
        } finally {
            Api.admin().delete("/api/notification-channels/" + channelId).then().statusCode(204);
        }
    }

    @Test
    void everyAlertTypeAndBothTransitionsMakeWellFormedMessages() {
        for (Alert.Type type : Alert.Type.values()) {
            for (String transition : List.of(AlertDelivery.FIRED, AlertDelivery.RESOLVED)) {
                boolean fired = transition.equals(AlertDelivery.FIRED);
                AlertJson alert = new AlertJson(7, 42L, "Acme", null, null, type, fired ? Alert.State.FIRING : Alert.State.RESOLVED,
                        "the figures", Instant.parse("2026-03-01T10:00:00Z"), fired ? null : Instant.parse("2026-03-02T10:00:00Z"));
                AlertEvent event = new AlertEvent("e-1", transition, alert, Instant.now(), Deliveries.text(alert, transition));
                JsonNode slack = chats.slack(event);
                assertTrue(slack.get("text").asText().contains(type.name()), slack.toString());
                assertEquals(4, slack.get("blocks").size());
                assertTrue(slack.get("blocks").get(2).toString().contains(fired ? "(firing)" : "Resolved"), slack.toString());
                JsonNode teams = chats.teams(event);
                assertTrue(teams.get("attachments").get(0).get("content").get("body").get(0).get("text").asText()
                        .contains(type.name() + (fired ? " firing" : " resolved")), teams.toString());
            }
        }
    }

    @Test
    void aBadChatUrlIsRefusedNamingTheField() {
        Api.admin().body("{\"kind\":\"SLACK\",\"url\":\"ftp://hooks.slack.com/x\"}").post("/api/notification-channels")
                .then().statusCode(400).body("error.field", org.hamcrest.Matchers.equalTo("url"));
        Api.admin().body("{\"kind\":\"TEAMS\",\"url\":\"\"}").post("/api/notification-channels").then().statusCode(400)
                .body("error.field", org.hamcrest.Matchers.equalTo("url"));
    }
}
