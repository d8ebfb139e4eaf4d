package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The filter every console and file log line passes (docs/operations.md: no token, code or secret in a log line). */
@Tag("h2-only") // no database: the log filter
class NoSecretsInLogsTest {

    static final String TOKEN = "eyJraWQiOiIxIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ";

    static ExtLogRecord record(String format, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, format, ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setLoggerName("io.quarkus.oidc.runtime.CodeAuthenticationMechanism");
        record.setParameters(parameters);
        return record;
    }

    @Test
    void quarkusOidcsLineLosesTheTokenAndTheClaimsButKeepsTheReason() {
        ExtLogRecord line = record("ID token verification has failed: %s", "JWT (claims->{\"preferred_username\":\"alice\","
                + "\"groups\":[\"spend-portal-admins\"],\"nonce\":\"n-123\"}) rejected due to invalid claims or other invalid"
                + " content. Additional details: [[8] Audience (aud) claim [another-client] doesn't contain an acceptable"
                + " identifier.] JsonWebSignature{\"kid\":\"1\"}->" + TOKEN);
        assertTrue(new NoSecretsInLogs().isLoggable(line), "the line is written, scrubbed");
        String written = line.getFormattedMessage();
        assertFalse(written.contains("eyJ") || written.contains("alice") || written.contains("n-123"), written);
        assertTrue(written.contains("Audience (aud) claim [another-client] doesn't contain"), written);
        assertTrue(written.contains("->[token]") && written.contains("(claims left out) rejected"), written);
    }

    @Test
    void codesStatesAndSecretsOfOAuthUrlsFormsAndAnswersAreLeftOut() {
        assertEquals("GET /sso/login?state=[left out]&code=[left out] 401",
                NoSecretsInLogs.scrub("GET /sso/login?state=abc.def&code=6f1e-99 401"));
        assertEquals("grant_type=authorization_code&code=[left out]&code_verifier=[left out]&client_secret=[left out]",
                NoSecretsInLogs.scrub("grant_type=authorization_code&code=x1&code_verifier=v2&client_secret=s3"));
        assertEquals("{\"id_token\":\"[left out]\",\"token_type\":\"Bearer\"}",
                NoSecretsInLogs.scrub("{\"id_token\":\"abc\",\"token_type\":\"Bearer\"}"));
        assertEquals("Alert POOL_80 for account 3 fired", NoSecretsInLogs.scrub("Alert POOL_80 for account 3 fired"));
        assertNull(NoSecretsInLogs.scrub(null));
    }

    @Test
    void aStackTraceThatQuotesATokenIsLeftOut() {
        ExtLogRecord line = record("Sign-in failed");
        line.setThrown(new IllegalStateException("wrapped", new IllegalArgumentException("bad token " + TOKEN)));
        assertTrue(new NoSecretsInLogs().isLoggable(line));
        assertNull(line.getThrown());
        assertTrue(line.getFormattedMessage().startsWith("Sign-in failed [java.lang.IllegalStateException: stack trace left out"),
                line.getFormattedMessage());

        ExtLogRecord harmless = record("Refresh failed");
        IllegalStateException cause = new IllegalStateException("connection refused");
        harmless.setThrown(cause);
        new NoSecretsInLogs().isLoggable(harmless);
        assertEquals(cause, harmless.getThrown(), "other stack traces stay");
    }
}
