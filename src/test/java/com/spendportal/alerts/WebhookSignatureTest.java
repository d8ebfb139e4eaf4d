package com.spendportal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the signature and retry arithmetic
class WebhookSignatureTest {

    @Test
    void theSignatureIsTheHmacOfTheTimeADotAndTheBodyAsOpensslComputesIt() {
        // echo -n '1700000000.{"id":"e1","type":"test"}' | openssl dgst -sha256 -hmac whsec_fixed
        assertEquals("t=1700000000,v1=749faa1c5e150e708302b5befd6a1b09395c437084a8cb34c8c2051ececa2501",
                WebhookSender.signature("whsec_fixed", 1700000000L, "{\"id\":\"e1\",\"type\":\"test\"}"));
    }

    @Test
    void retriesWaitTheInitialWaitDoubledPerFailedAttempt() {
        Duration initial = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(30), Deliveries.retryWait(1, initial));
        assertEquals(Duration.ofSeconds(60), Deliveries.retryWait(2, initial));
        assertEquals(Duration.ofSeconds(30 * 256), Deliveries.retryWait(9, initial));
    }

    @Test
    void theChatSummaryIsOneLineWithSlacksMarkupEscaped() {
        AlertJson alert = new AlertJson(1, 2L, "<b>Tom & Jerry</b>", null, null, Alert.Type.POOL_100, Alert.State.FIRING,
                "Pool 100% used", java.time.Instant.EPOCH, null);
        assertEquals("[Spend Portal] POOL_100 firing: &lt;b&gt;Tom &amp; Jerry&lt;/b&gt; (Pool 100% used)",
                Deliveries.text(alert, AlertDelivery.FIRED));
    }
}
