package com.spendportal.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionTest {

    @Inject
    LoginThrottle throttle;

    @Inject
    DataSource dataSource;

    static String newUser(String role) {
        String username = "s" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> User.create(username, "session-test-pw", role));
        return username;
    }

    @Test
    void replayingTheCookiesAfterLogoutGetsTheLoginPage() {
        String username = newUser(Roles.VIEWER);
        Browser browser = Browser.login(username, "session-test-pw");
        assertEquals(200, browser.get("/").statusCode());
        String session = browser.cookie("portal-session");
        String login = browser.cookie(LoginCookie.NAME);
        assertNotNull(login, "the login cookie is set at login");

        assertEquals(303, browser.post("/logout", Map.of()).statusCode());

        Response replay = given().redirects().follow(false).cookie("portal-session", session)
                .cookie(LoginCookie.NAME, login).get("/");
        assertEquals(302, replay.statusCode());
        assertTrue(replay.header("Location").endsWith("/login"));
    }

    @Test
    void someoneElsesLoginCookieDoesNotReviveAnEndedSession() {
        String admin = newUser(Roles.ADMIN);
        Browser adminBrowser = Browser.login(admin, "session-test-pw");
        assertEquals(200, adminBrowser.get("/users").statusCode());
        String keptSession = adminBrowser.cookie("portal-session");
        assertEquals(303, adminBrowser.post("/logout", Map.of()).statusCode());

        // a viewer pairs the admin's kept session cookie with their own, valid, login cookie
        Browser viewer = Browser.login(newUser(Roles.VIEWER), "session-test-pw");
        for (String page : new String[] {"/users", "/login"}) {
            Response mixed = given().redirects().follow(false).cookie("portal-session", keptSession)
                    .cookie(LoginCookie.NAME, viewer.cookie(LoginCookie.NAME)).get(page);
            assertEquals(302, mixed.statusCode(), page);
            assertTrue(mixed.header("Location").endsWith("/login"), page);
            // and the browser is told to forget both, so the login page does not redirect to itself
            assertEquals("", mixed.getCookie("portal-session"), page);
            assertEquals("", mixed.getCookie(LoginCookie.NAME), page);
        }
    }

    @Test
    void staticFilesAndHealthNeverAuthenticateTheSession() {
        String username = newUser(Roles.VIEWER);
        Browser browser = Browser.login(username, "session-test-pw");
        // disabled behind the portal's back (no "sessions valid after"): only authentication would notice
        QuarkusTransaction.requiringNew().run(() -> User.findByUsername(username).orElseThrow().enabled = false);
        for (String path : new String[] {"/static/portal.css", "/static/favicon.svg", "/q/health/live"}) {
            Response response = browser.request().get(path);
            assertEquals(200, response.statusCode(), path);
            assertNull(response.getCookie("portal-session"), path + " neither renews nor clears the session");
        }
        assertEquals(302, browser.get("/").statusCode(), "pages still authenticate");
    }

    @Test
    void theFormCookieAloneIsNotASession() {
        String username = newUser(Roles.VIEWER);
        Browser browser = Browser.login(username, "session-test-pw");
        Response withoutLoginCookie = given().redirects().follow(false).cookie("portal-session", browser.cookie("portal-session")).get("/");
        assertEquals(302, withoutLoginCookie.statusCode());
    }

    @Test
    void disablingAUserEndsTheirSession() {
        String username = newUser(Roles.VIEWER);
        Browser browser = Browser.login(username, "session-test-pw");
        assertEquals(200, browser.get("/").statusCode());
        QuarkusTransaction.requiringNew().run(() -> {
            User user = User.findByUsername(username).orElseThrow();
            user.enabled = false;
        });
        Browser admin = Browser.admin();
        String id = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username).orElseThrow().id.toString());
        assertEquals(303, admin.post("/users/" + id + "/enabled", Map.of("enabled", "false")).statusCode());
        assertEquals(302, browser.get("/").statusCode());
    }

    @Test
    void eachLoginGetsANewSessionValue() {
        String username = newUser(Roles.VIEWER);
        Browser first = Browser.login(username, "session-test-pw");
        Browser second = Browser.login(username, "session-test-pw");
        assertNotEquals(first.cookie("portal-session"), second.cookie("portal-session"));
        assertNotEquals(first.cookie(LoginCookie.NAME), null);
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSameAndRepeatedFailuresLockTheName() {
        String username = newUser(Roles.VIEWER);
        Response unknown = Browser.loginForm().formParam("j_username", "nobody-" + username)
                .formParam("j_password", "whatever-password").post("/j_security_check");
        Response wrong = Browser.loginForm().formParam("j_username", username)
                .formParam("j_password", "whatever-password").post("/j_security_check");
        assertEquals(unknown.statusCode(), wrong.statusCode());
        assertEquals(unknown.header("Location"), wrong.header("Location"));
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            Api.as(username, "wrong-password-" + i).get("/api/accounts").then().statusCode(401);
        }
        // Locked now: even the right password is refused for a while.
        Api.as(username, "session-test-pw").get("/api/accounts").then().statusCode(401);
    }

    @Test
    void passwordsOverSeventyTwoBytesNeverLogIn() {
        String username = newUser(Roles.VIEWER);
        Api.as(username, "session-test-pw" + "x".repeat(80)).get("/api/accounts").then().statusCode(401);
    }

    @Test
    void loginCookieRules() {
        LoginCookie cookies = new LoginCookie("secret-one");
        Instant login = Instant.parse("2026-05-01T10:00:00Z");
        String value = cookies.issue("ana", login);
        Duration eightHours = Duration.ofHours(8);
        assertEquals("ana", cookies.verify(value, login.plusSeconds(60), eightHours, null).username());
        assertNull(cookies.verify(value, login.plus(Duration.ofHours(9)), eightHours, null), "absolute lifetime");
        assertNull(cookies.verify(value, login.plusSeconds(60), eightHours, login.plusSeconds(30)), "revoked after login");
        assertNull(new LoginCookie("secret-two").verify(value, login, eightHours, null), "another key");
        String later = value.replace("." + login.toEpochMilli() + ".", "." + login.plusSeconds(3600).toEpochMilli() + ".");
        assertNotEquals(value, later);
        assertNull(cookies.verify(later, login.plusSeconds(3600), eightHours, null), "tampered login time");
        assertNull(cookies.verify("garbage", login, eightHours, null));
    }

    @Test
    void throttleLocksAfterFiveFailuresAndGrows() {
        String eve = "Eve-" + UUID.randomUUID();
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        for (int i = 0; i < 4; i++) {
            throttle.failed(eve, now);
        }
        assertTrue(!throttle.isLocked(eve.toLowerCase(), now));
        throttle.failed(" " + eve.toLowerCase(), now);
        assertTrue(throttle.isLocked(eve.toUpperCase(), now.plusSeconds(59)));
        assertTrue(!throttle.isLocked(eve, now.plusSeconds(61)));
        throttle.failed(eve, now.plusSeconds(61));
        assertTrue(throttle.isLocked(eve, now.plusSeconds(61 + 119)));
        throttle.succeeded(eve);
        assertTrue(!throttle.isLocked(eve, now.plusSeconds(62)));
    }

    @Test
    void failuresAreCountedInTheDatabaseAndForgottenAfterADay() throws Exception {
        String mallory = "Mallory-" + UUID.randomUUID();
        Instant now = Instant.parse("2026-05-02T10:00:00Z");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed(mallory, now);
        }
        // What another instance on the same database reads: the count is in the table, not in this instance.
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("SELECT failures FROM login_failure WHERE name_hash = ?")) {
            query.setString(1, LoginThrottle.hash(mallory));
            try (var row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals(LoginThrottle.FREE_FAILURES - 1, row.getInt(1));
            }
        }
        // A day without failures: the next one starts the count again instead of locking.
        throttle.failed(mallory, now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1));
        assertTrue(!throttle.isLocked(mallory, now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(2)));
        assertEquals(Duration.ofMinutes(1), LoginThrottle.lock(5));
        assertEquals(Duration.ofMinutes(8), LoginThrottle.lock(8));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.lock(40));
    }

    @Test
    void behindATlsProxyEveryCookieIsSecure() {
        Response proxied = Browser.loginForm().header("X-Forwarded-Proto", "https")
                .formParam("j_username", "admin").formParam("j_password", "admin-test-password").post("/j_security_check");
        List<String> cookies = proxied.headers().getValues("Set-Cookie");
        for (String name : List.of("portal-session", LoginCookie.NAME)) {
            assertTrue(cookies.stream().anyMatch(c -> c.startsWith(name + "=") && c.contains("; Secure")), name + ": " + cookies);
        }
        Response plain = Browser.loginForm()
                .formParam("j_username", "admin").formParam("j_password", "admin-test-password").post("/j_security_check");
        assertTrue(plain.headers().getValues("Set-Cookie").stream().noneMatch(c -> c.contains("; Secure")),
                "plain HTTP (a developer's machine) keeps cookies usable: " + plain.headers().getValues("Set-Cookie"));
    }
}
