package com.spendportal.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.BrowserSession;
import com.spendportal.support.SsoProvider;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Single sign-on in a real browser (issue 13): the login page's link, the stand-in provider's login form, and back
 * to the dashboard as an admin; then logout. The portal is opened as 127.0.0.1 and the provider answers as localhost,
 * so that, as with a real provider, the way back is a cross-site redirect chain: the portal's SameSite=Strict session
 * cookies set at its end are not sent on that navigation, only on the next one (the "Signed in" page's refresh).
 * Screenshots land in target/screenshots/.
 */
@QuarkusTest
@TestProfile(SsoProvider.Profile.class)
@WithTestResource(OidcWiremockTestResource.class)
@Tag("h2-only") // single sign-on in a browser; its queries run on both in SsoTest
class SsoJourneyTest {

    @TestHTTPResource("/")
    URL base;

    @OidcWireMock
    WireMockServer provider;

    WebDriver driver;

    @BeforeEach
    void start() {
        driver = BrowserSession.start(1280, 900, base.getPort());
    }

    @AfterEach
    void stop() {
        BrowserSession.stop(driver);
    }

    private String portal() {
        return "http://127.0.0.1:" + base.getPort();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @Test
    void anAdminSignsInThroughTheProvidersRedirectAndLogsOut() {
        String name = "sso-journey-" + UUID.randomUUID().toString().substring(0, 8);
        driver.get(portal() + "/login");
        BrowserSession.screenshot(driver, "sso-01-login");
        driver.findElement(By.linkText("Sign in with Example Corp")).click();

        // At the provider's login form: it will send the browser back with this code, which it redeems once
        waiting().until(ExpectedConditions.urlContains(provider.baseUrl() + "/auth/realms/quarkus?"));
        Map<String, String> authorize = SsoProvider.query(URI.create(driver.getCurrentUrl()));
        assertTrue(authorize.get("redirect_uri").startsWith(portal() + "/sso/login"), authorize.get("redirect_uri"));
        assertEquals("S256", authorize.get("code_challenge_method"));
        String code = UUID.randomUUID().toString();
        provider.stubFor(get(urlPathEqualTo("/login")).atPriority(1).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?state={{request.query.state}}&code=" + code)
                .withTransformers("response-template")));
        SsoProvider.redeemOnce(provider, code, authorize.get("code_challenge"),
                SsoProvider.idToken(name, "spend-portal-admins").claim("nonce", authorize.get("nonce")).sign());
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("at-the-provider");
        driver.findElement(By.id("login")).click();

        // Back at the portal: its own session, on the dashboard, as an admin
        waiting().until(ExpectedConditions.urlToBe(portal() + "/"));
        assertEquals("Accounts", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.cssSelector("form[action='/logout'] .who")).getText().contains(name));
        assertFalse(driver.findElements(By.cssSelector("nav a[href='/users']")).isEmpty(), "admins have the users page");
        assertNotNull(driver.manage().getCookieNamed("portal-session"));
        assertNull(driver.manage().getCookieNamed("q_session"), "the provider's session is not kept");
        BrowserSession.screenshot(driver, "sso-02-dashboard");

        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waiting().until(ExpectedConditions.urlContains("/login"));
        assertTrue(driver.findElement(By.cssSelector(".flash")).getText().contains("logged out"));
        driver.get(portal() + "/");
        assertEquals(portal() + "/login", driver.getCurrentUrl(), "the session ended");
    }
}
