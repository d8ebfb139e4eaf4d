package com.spendportal.wallet;

import static com.spendportal.support.HeyGenWireMock.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What each fixture in ../shared/heygen means, without a server. */
@Tag("h2-only") // no database: HeyGen's answers parsed
class UpstreamAnswersTest {

    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    static UsersMe ok(String file) {
        return UpstreamCall.interpret(200, fixture(file), null, NOW, "sk_test_fixture_key");
    }

    static UpstreamFailure failure(int status, String file, String retryAfter) {
        return assertThrows(UpstreamFailure.class, () -> UpstreamCall.interpret(status, fixture(file), retryAfter, NOW, "sk_test_fixture_key"));
    }

    @Test
    void usdWalletKeepsTheExactDecimalsAndAutoReload() {
        UsersMe me = ok("users-me-wallet-usd.json");
        assertEquals("wallet", me.billingType());
        assertEquals("usd", me.currency());
        assertEquals(new BigDecimal("68899.45"), me.remainingBalance());
        assertEquals(Boolean.TRUE, me.autoReloadEnabled());
        assertEquals(new BigDecimal("1000.00"), me.autoReloadThresholdUsd());
        assertEquals(new BigDecimal("5000.00"), me.autoReloadAmountUsd());
    }

    @Test
    void creditsStayCredits() {
        UsersMe me = ok("users-me-wallet-credits.json");
        assertEquals("credits", me.currency());
        assertEquals(new BigDecimal("12500.00"), me.remainingBalance());
        assertEquals(Boolean.FALSE, me.autoReloadEnabled());
    }

    @Test
    void usageBasedReadsSpendAndCap() {
        UsersMe me = ok("users-me-usage-based.json");
        assertEquals("usage_based", me.billingType());
        assertEquals(new BigDecimal("4212.37"), me.spendingCurrentUsd());
        assertEquals(new BigDecimal("7500.00"), me.spendingCapUsd());
        assertNull(me.remainingBalance());
    }

    @Test
    void subscriptionReadsThePlan() {
        UsersMe me = ok("users-me-subscription.json");
        assertEquals("subscription", me.billingType());
        assertEquals("team", me.subscriptionPlan());
        assertNull(me.remainingBalance());
    }

    @Test
    void aNullBalanceStaysNull() {
        UsersMe me = ok("users-me-null-balance.json");
        assertNull(me.remainingBalance());
        assertEquals("usd", me.currency());
    }

    @Test
    void unknownFieldsAreIgnoredAndKnownOnesRead() {
        UsersMe me = ok("users-me-extra-fields.json");
        assertEquals(new BigDecimal("1234.50"), me.remainingBalance());
        assertEquals(new BigDecimal("500.00"), me.autoReloadAmountUsd());
    }

    @Test
    void truncatedJsonAndAnHtmlPageAreInvalidNotACrash() {
        assertInstanceOf(UpstreamFailure.Invalid.class, failure(200, "malformed-truncated.json", null));
        assertInstanceOf(UpstreamFailure.Invalid.class, failure(200, "error-502-proxy.html", null));
    }

    @Test
    void errorsAreClassifiedForRetryAndMessages() {
        UpstreamFailure unauthorized = failure(401, "error-401.json", null);
        assertInstanceOf(UpstreamFailure.Rejected.class, unauthorized);
        assertEquals("unauthorized", unauthorized.code());
        assertEquals("HeyGen rejected the key (401): The API key provided is invalid, expired, or missing.",
                unauthorized.getMessage());
        UpstreamFailure forbidden = failure(403, "error-403.json", null);
        assertEquals("forbidden", forbidden.code());
        assertInstanceOf(UpstreamFailure.Rejected.class, forbidden);
        UpstreamFailure limited = failure(429, "error-429.json", "30");
        assertEquals("rate_limited", limited.code());
        assertEquals(NOW.plusSeconds(30), limited.retryAt);
        UpstreamFailure server = failure(500, "error-500.json", null);
        assertInstanceOf(UpstreamFailure.Retryable.class, server);
        assertEquals("upstream_error", server.code());
        UpstreamFailure proxy = failure(502, "error-502-proxy.html", null);
        assertInstanceOf(UpstreamFailure.Retryable.class, proxy);
        assertEquals("HeyGen answered with an error (502).", proxy.getMessage());
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertEquals(NOW.plusSeconds(30), UpstreamCall.retryAt("30", NOW));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
        assertEquals(NOW.plusSeconds(90), UpstreamCall.retryAt(date, NOW));
        assertEquals(NOW, UpstreamCall.retryAt("Sun, 06 Nov 1994 08:49:37 GMT", NOW));
        assertEquals(NOW.plus(UpstreamCall.DEFAULT_RETRY_AFTER), UpstreamCall.retryAt("soon", NOW));
        assertEquals(NOW.plus(UpstreamCall.DEFAULT_RETRY_AFTER), UpstreamCall.retryAt(null, NOW));
    }

    @Test
    void anEchoedKeyNeverReachesTheMessage() {
        String body = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"key sk_live_SECRET is revoked\"}}";
        UpstreamFailure f = assertThrows(UpstreamFailure.class,
                () -> UpstreamCall.interpret(401, body, null, NOW, "sk_live_SECRET"));
        assertFalse(f.getMessage().contains("sk_live_SECRET"));
        assertTrue(f.getMessage().contains("[key]"));
    }
}
