package com.spendportal.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.spendportal.accounts.Account;
import com.spendportal.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With {@code portal.alerts.allow-local-network} off (the default outside the tests), webhook URLs to the local
 * network are refused when saved, and a stored one (a name that resolves locally by now) is not posted to.
 */
@QuarkusTest
@TestProfile(ShippedAlertSettings.class)
@Tag("h2-only") // the URL refusal; saving and delivering run on both in the delivery tests
class LocalNetworkRefusedTest {

    @Inject
    AlertRows rows;

    @Test
    void localTargetsAreRefusedWhenSaved() {
        for (String url : OutboundUrlsTest.LOCAL) {
            Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"" + url + "\"}").post("/api/notification-channels").then()
                    .statusCode(400).body("error.field", equalTo("url"));
        }
        Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"http://169.254.169.254/latest/meta-data\"}")
                .post("/api/notification-channels").then().statusCode(400)
                .body("error.message", containsString("portal.alerts.allow-local-network=true"));
        Api.admin().get("/api/notification-channels").then().statusCode(200)
                .body("url", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(containsString("169.254"))));
    }

    @Test
    void aStoredTargetThatResolvesLocallyIsNotPostedTo() {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(post(urlEqualTo("/hook")).willReturn(ok()));
            NotificationChannel channel = rows.channel(NotificationChannel.Kind.WEBHOOK,
                    "http://localhost:" + receiver.port() + "/hook", "whsec-local");
            Account account = rows.account("Local", null);
            Alert alert = rows.fire(account, "a test alert");
            AlertDelivery done = rows.deliverUntilAttempted(AlertRows.delivery(alert.id, channel.id).id, 1);
            assertNotEquals(AlertDelivery.State.DELIVERED, done.state);
            assertTrue(done.lastError.contains("local or private network"), done.lastError);
            assertEquals(0, receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size(), "nothing reached it");
        } finally {
            receiver.stop();
        }
    }
}
