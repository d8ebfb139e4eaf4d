package com.spendportal.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Browser;
import com.spendportal.support.CapturedLogs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An identity provider that cannot be reached neither stops the portal nor local login (DESIGN §13). */
@QuarkusTest
@TestProfile(SsoProviderDownTest.ProviderDown.class)
@Tag("h2-only") // single sign-on with the provider down: no query of its own
class SsoProviderDownTest {

    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.sso.enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:9/realms/nowhere",
                    "quarkus.oidc.client-id", "spend-portal",
                    "quarkus.oidc.credentials.secret", "sso-test-secret");
        }
    }

    @Test
    void signingInGivesAnErrorPageAndLocalLoginStillWorks() {
        Response sso;
        List<String> logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            sso = given().redirects().follow(false).get("/sso/login");
            logs = captured.lines();
        }
        assertEquals(503, sso.statusCode());
        String page = sso.asString();
        assertTrue(page.contains("cannot reach your company account") && page.contains("log in with a password"), page);
        assertFalse(page.contains("Exception"), page);
        assertTrue(page.contains("href=\"/login\""), "back to the login page: " + page);
        assertTrue(sso.header("Content-Security-Policy") != null, "the security headers are on this page too");
        assertTrue(logs.stream().anyMatch(line -> line.contains("Single sign-on failed: the identity provider cannot be used")),
                logs.toString());
        assertEquals(200, Browser.admin().get("/users").statusCode());
    }
}
