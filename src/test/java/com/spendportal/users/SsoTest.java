package com.spendportal.users;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.audit.AuditEntry;
import com.spendportal.support.Browser;
import com.spendportal.support.CapturedLogs;
import com.spendportal.support.SessionCookieTap;
import com.spendportal.support.SsoProvider;
import com.spendportal.web.Roles;
import com.spendportal.web.Via;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on through a stand-in identity provider (quarkus-test-oidc-server's WireMock): each test
 * walks the code flow as a browser would, with the id token the provider's token endpoint answers for
 * the sign-in's code, once, and only with its PKCE verifier (as a real provider does).
 */
@QuarkusTest
@TestProfile(SsoProvider.Profile.class)
@WithTestResource(OidcWiremockTestResource.class)
class SsoTest {

    @OidcWireMock
    WireMockServer provider;

    static String newName() {
        return "sso-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Where the provider sends the browser back to: the callback URL's path and query, and the cookies set before. */
    record Callback(String path, String state, String code, Map<String, String> cookies) {
    }

    /**
     * /sso/login → the provider, which will redeem this sign-in's code once, with the id token made for the request's
     * nonce; the callback it then sends the browser to.
     */
    Callback startSignIn(Function<String, String> idTokenForNonce) {
        Response start = given().redirects().follow(false).get("/sso/login");
        assertEquals(302, start.statusCode());
        Map<String, String> query = SsoProvider.query(URI.create(start.header("Location")));
        assertNotNull(query.get("nonce"), "the id token must carry the nonce of its request");
        assertEquals("S256", query.get("code_challenge_method"), "the code is bound to this browser (PKCE)");
        String code = UUID.randomUUID().toString();
        SsoProvider.redeemOnce(provider, code, query.get("code_challenge"), idTokenForNonce.apply(query.get("nonce")));
        return new Callback(URI.create(query.get("redirect_uri")).getPath(), query.get("state"), code, start.getCookies());
    }

    /** The callback as the browser follows it: with these cookies, and on to /sso/login when quarkus-oidc redirects there. */
    Response follow(Callback callback, Map<String, String> cookies) {
        return land(callback(callback, cookies), cookies);
    }

    /** The provider's redirect back, as the browser follows it: quarkus-oidc's answer (setting q_session when it signs in). */
    Response callback(Callback callback, Map<String, String> cookies) {
        Response back = given().redirects().follow(false).cookies(cookies)
                .queryParam("state", callback.state()).queryParam("code", callback.code()).get(callback.path());
        cookies.putAll(back.getCookies());
        return back;
    }

    /** On to /sso/login when quarkus-oidc's answer redirects there. */
    Response land(Response back, Map<String, String> cookies) {
        if (back.statusCode() != 302 || URI.create(back.header("Location")).getPort() != RestAssured.port) {
            return back;
        }
        Response landed = given().redirects().follow(false).cookies(cookies).get(URI.create(back.header("Location")).getPath());
        cookies.putAll(landed.getCookies());
        return landed;
    }

    Response signIn(JwtClaimsBuilder idToken, Map<String, String> cookies) {
        return signIn(nonce -> idToken.claim("nonce", nonce).sign(), cookies);
    }

    /** Walks /sso/login → provider → callback → /sso/login; the answer of the last step, with every cookie set on the way. */
    Response signIn(Function<String, String> idTokenForNonce, Map<String, String> cookies) {
        Callback callback = startSignIn(idTokenForNonce);
        cookies.putAll(callback.cookies());
        return follow(callback, cookies);
    }

    static boolean hasSession(Map<String, String> cookies) {
        String session = cookies.get("portal-session");
        return session != null && !session.isEmpty();
    }

    static JwtClaimsBuilder idToken(String username, String... groups) {
        return SsoProvider.idToken(username, groups);
    }

    @Test
    void theAdminGroupSignsInAsAnAdminWithThePortalsOwnSession() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        Response landed = signIn(idToken(name, "spend-portal-admins", "others"), cookies);
        assertEquals(200, landed.statusCode());
        assertEquals("0;url=/", Jsoup.parse(landed.asString()).select("meta[http-equiv=refresh]").attr("content"),
                "the browser asks for / itself: the SameSite=Strict session is not sent on the provider's redirect chain");
        assertTrue(hasSession(cookies));
        assertNotNull(cookies.get(LoginCookie.NAME));
        assertTrue(cookies.get("q_session") == null || cookies.get("q_session").isEmpty(), "the provider's session is not kept");
        assertTrue(landed.getDetailedCookie("portal-session").isHttpOnly());

        Browser browser = Browser.withCookies(cookies);
        assertEquals(200, browser.get("/").statusCode());
        assertEquals(200, browser.get("/users").statusCode(), "admins see the users page");
        User user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow());
        assertTrue(user.sso);
        assertNull(user.passwordHash);
        assertEquals(Roles.ADMIN, user.role);
        String users = browser.get("/users").asString();
        assertTrue(users.contains("signs in through SSO, no password"));
    }

    @Test
    void theViewerGroupSignsInAsAViewerAndTheRoleIsReadAgainAtEverySignIn() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        assertEquals(200, signIn(idToken(name, "spend-portal-viewers"), cookies).statusCode());
        Browser viewer = Browser.withCookies(cookies);
        assertEquals(200, viewer.get("/").statusCode());
        assertEquals(403, viewer.get("/users").statusCode());

        Map<String, String> again = new HashMap<>();
        assertEquals(200, signIn(idToken(name, "spend-portal-admins"), again).statusCode());
        assertEquals(200, Browser.withCookies(again).get("/users").statusCode());
        assertEquals(302, viewer.get("/").statusCode(), "the role change ended the viewer's session");
        long id = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow().id);
        List<AuditEntry> trail = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("target = ?1 order by id",
                "user:" + id));
        assertEquals(List.of("user.create", "user.role"), trail.stream().map(e -> e.action).toList());
        assertEquals(List.of(name, name), trail.stream().map(e -> e.actor).toList());
        assertEquals(List.of(Via.SSO, Via.SSO), trail.stream().map(e -> e.via).toList());
        assertEquals("{\"user\":\"" + name + "\",\"role\":{\"old\":\"viewer\",\"new\":\"admin\"}}", trail.get(1).detail);
    }

    @Test
    void neitherGroupGetsNoSessionAndAPageSayingWhomToAsk() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        Response refused = signIn(idToken(name, "someone-else"), cookies);
        assertEquals(403, refused.statusCode());
        assertFalse(hasSession(cookies));
        assertTrue(Jsoup.parse(refused.asString()).select("form[action=/logout], nav").isEmpty(), "not shown as logged in");
        String text = Jsoup.parse(refused.asString()).text();
        assertTrue(text.contains("spend-portal-admins") && text.contains("spend-portal-viewers") && text.contains("Example Corp"), text);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).isEmpty()));
    }

    record BadToken(String reason, Function<String, String> token) {
    }

    @Test
    void aTokenSignedByAnotherKeyForAnotherClientExpiredFromAnotherIssuerOrWithAnotherNonceGetsNoSession() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey unknownKey = generator.generateKeyPair().getPrivate();
        String name = newName();
        List<BadToken> badTokens = List.of(
                new BadToken("JWK is not available", nonce -> idToken(name, "spend-portal-admins").claim("nonce", nonce).sign(unknownKey)),
                new BadToken("JWT rejected due to invalid signature", nonce -> idToken(name, "spend-portal-admins").claim("nonce", nonce).jws().keyId("1").sign(unknownKey)),
                new BadToken("Audience (aud) claim [another-client] doesn't contain an acceptable identifier",
                        nonce -> idToken(name, "spend-portal-admins").claim("nonce", nonce).audience("another-client").sign()),
                new BadToken("The JWT is no longer valid",
                        nonce -> idToken(name, "spend-portal-admins").claim("nonce", nonce).issuedAt(1_000_000).expiresAt(1_000_300).sign()),
                new BadToken("Issuer (iss) claim value (https://elsewhere.example.com) doesn't match",
                        nonce -> idToken(name, "spend-portal-admins").issuer("https://elsewhere.example.com").claim("nonce", nonce).sign()),
                new BadToken("claim nonce does not match",
                        nonce -> idToken(name, "spend-portal-admins").claim("nonce", "replayed-" + nonce).sign()));
        for (BadToken bad : badTokens) {
            Map<String, String> cookies = new HashMap<>();
            Response refused;
            List<String> logs;
            try (CapturedLogs captured = CapturedLogs.start()) {
                refused = signIn(bad.token(), cookies);
                logs = captured.lines();
            }
            assertEquals(401, refused.statusCode(), bad.reason());
            assertFalse(hasSession(cookies), bad.reason());
            String page = Jsoup.parse(refused.asString()).text();
            assertTrue(page.contains("could not be verified") && !page.contains("Exception"), page);
            assertTrue(logs.stream().anyMatch(line -> line.contains("Single sign-on refused: ") && line.contains(bad.reason())),
                    "a line with the reason: " + logs);
            assertNoTokenIn(logs, name + "\",");
            assertEquals(1, logs.stream().filter(line -> line.contains("Single sign-on") || line.startsWith("io.quarkus.oidc")).count(),
                    "one line per failure: " + logs);
        }
        assertTrue(QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).isEmpty()));
    }

    @Test
    void aReplayedCodeGetsNoSessionWithTheStateCookieOrWithout() {
        String name = newName();
        Callback callback = startSignIn(nonce -> idToken(name, "spend-portal-admins").claim("nonce", nonce).sign());
        String stateCookie = callback.cookies().keySet().stream().filter(cookie -> cookie.startsWith("q_auth")).findFirst()
                .orElseThrow();
        Map<String, String> cookies = new HashMap<>(callback.cookies());
        assertEquals(200, follow(callback, cookies).statusCode());
        assertTrue(hasSession(cookies));
        assertEquals("", cookies.get(stateCookie), "the callback deletes the state cookie: it serves one callback");

        // Someone who copied the callback URL and the state cookie: quarkus-oidc keeps no record of states it has seen,
        // so the code goes to the provider again, which refuses a code it has already redeemed
        Map<String, String> copied = new HashMap<>(callback.cookies());
        String copiedState = copied.get(stateCookie);
        Response replay;
        List<String> logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            replay = follow(callback, copied);
            logs = captured.lines();
        }
        assertEquals(401, replay.statusCode());
        assertNoTokenIn(logs, callback.code(), copiedState);
        assertEquals(1, logs.stream().filter(line -> line.contains("Single sign-on") || line.startsWith("io.quarkus.oidc")).count(),
                "one line per failure: " + logs);
        assertFalse(hasSession(copied));
        String page = Jsoup.parse(replay.asString()).text();
        assertTrue(page.contains("Single sign-on did not work") && page.contains("log in with a password"), page);
        assertFalse(page.contains("Exception"), page);
        assertEquals(302, Browser.withCookies(copied).get("/").statusCode(), "no dashboard");

        // The browser that signed in, or anyone without the state cookie: the code is not even sent to the provider,
        // quarkus-oidc starts a new sign-in at the provider instead
        cookies.remove(stateCookie);
        for (Map<String, String> withoutStateCookie : List.of(cookies, new HashMap<String, String>())) {
            Response again = follow(callback, withoutStateCookie);
            assertEquals(302, again.statusCode());
            assertTrue(again.header("Location").startsWith(provider.baseUrl() + "/auth/realms/quarkus?"), again.header("Location"));
            assertNull(again.getCookie("portal-session"), "no new session");
        }
        provider.verify(2, postRequestedFor(urlEqualTo(SsoProvider.TOKEN_PATH))
                .withRequestBody(containing("code=" + callback.code())));
        assertEquals(Roles.ADMIN, QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow().role));
    }

    /** A sign-in, with the q_session cookie quarkus-oidc made for it, as an attacker who got hold of it would copy it. */
    record CapturedSignIn(Response landed, String qSession) {
    }

    CapturedSignIn signInCapturingQSession(JwtClaimsBuilder idToken, Map<String, String> cookies) {
        Callback callback = startSignIn(nonce -> idToken.claim("nonce", nonce).sign());
        cookies.putAll(callback.cookies());
        SessionCookieTap.take();
        Response back = callback(callback, cookies);
        String qSession = SessionCookieTap.take();
        assertEquals(200, back.statusCode(), "the callback itself signs in: no redirect in between, which would leave the"
                + " q_session unused for a while");
        assertNotNull(qSession, "quarkus-oidc made a q_session for the callback");
        assertFalse(qSession.isEmpty());
        String sent = back.getCookie("q_session");
        assertTrue(sent == null || sent.isEmpty(), "the callback's answer expires it: no browser ever holds a valid one");
        return new CapturedSignIn(land(back, cookies), qSession);
    }

    /** Sends a copied q_session cookie alone to /sso/login, as {@code curl -b 'q_session=...'} would; its log lines. */
    record Replay(Response response, List<String> logs) {
    }

    Replay replay(String qSession) {
        try (CapturedLogs captured = CapturedLogs.start()) {
            Response response = given().redirects().follow(false).cookie("q_session", qSession).get("/sso/login");
            return new Replay(response, captured.lines());
        }
    }

    /** The 401 page, no portal session, and one log line from the portal without the cookie or a token. */
    static void assertRefusedAsReplay(Replay replay, String qSession) {
        assertEquals(401, replay.response().statusCode(), replay.response().asString());
        assertFalse(hasSession(replay.response().getCookies()), "no portal session");
        String page = Jsoup.parse(replay.response().asString()).text();
        assertTrue(page.contains("could not be verified") && !page.contains("Exception"), page);
        assertNoTokenIn(replay.logs(), qSession);
        assertEquals(1, replay.logs().stream().filter(line -> line.startsWith(SsoLogin.class.getName())).count(),
                "one line: " + replay.logs());
        assertTrue(replay.logs().stream().noneMatch(line -> line.startsWith("org.hibernate")), "nothing else: " + replay.logs());
        assertTrue(replay.logs().stream().anyMatch(line -> line.contains("Single sign-on refused for ")), replay.logs().toString());
    }

    /** No line holds a signed token, a claim list, or any of these values (a cookie, a nonce, a code). */
    static void assertNoTokenIn(List<String> logs, String... values) {
        for (String line : logs) {
            assertFalse(line.contains("eyJ"), "a token in the log: " + line);
            assertFalse(line.contains("claims->{"), "the token's claims in the log: " + line);
            assertFalse(line.startsWith("io.quarkus.oidc"), "quarkus-oidc's own line (the portal writes one): " + line);
            for (String value : values) {
                assertFalse(value != null && !value.isEmpty() && line.contains(value), "a secret value in the log: " + line);
            }
        }
    }

    @Test
    void aReplayedSessionCookieAfterLogoutGetsNoSession() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        CapturedSignIn signedIn = signInCapturingQSession(idToken(name, "spend-portal-viewers"), cookies);
        assertEquals(200, signedIn.landed().statusCode());
        assertTrue(cookies.get("q_session") == null || cookies.get("q_session").isEmpty(), "deleted in the browser");
        Browser viewer = Browser.withCookies(cookies);
        assertEquals(303, viewer.post("/logout", Map.of()).statusCode());

        Replay replay = replay(signedIn.qSession());
        assertRefusedAsReplay(replay, signedIn.qSession());
        assertTrue(replay.logs().stream().anyMatch(line -> line.contains(name) && line.contains("already signed someone in")),
                replay.logs().toString());
        assertEquals(401, replay(signedIn.qSession()).response().statusCode(), "nor a second time");
    }

    @Test
    void aReplayedSessionCookieAfterAGroupChangeGivesNoSessionAndChangesNothing() {
        String name = newName();
        CapturedSignIn asAdmin = signInCapturingQSession(idToken(name, "spend-portal-admins"), new HashMap<>());
        assertEquals(200, asAdmin.landed().statusCode());

        // Moved from the admins to the viewers at the provider; she signs in again and works as a viewer
        Map<String, String> cookies = new HashMap<>();
        assertEquals(200, signIn(idToken(name, "spend-portal-viewers"), cookies).statusCode());
        Browser viewer = Browser.withCookies(cookies);
        assertEquals(403, viewer.get("/users").statusCode());

        // Her earlier q_session, replayed: no admin session, the stored role stays viewer, her session goes on
        assertRefusedAsReplay(replay(asAdmin.qSession()), asAdmin.qSession());
        User user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow());
        assertEquals(Roles.VIEWER, user.role);
        assertEquals(200, viewer.get("/").statusCode(), "the legitimate session is not ended");
        assertEquals(403, viewer.get("/users").statusCode());
        List<String> trail = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("target = ?1 order by id",
                "user:" + user.id)).stream().map(e -> e.action).toList();
        assertEquals(List.of("user.create", "user.role"), trail, "admin, then viewer, and nothing since");
    }

    @Test
    void anIdTokenOlderThanTheLatestSignInGivesNoSessionAndNeverTheRoleItNames() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        assertEquals(200, signIn(idToken(name, "spend-portal-viewers"), cookies).statusCode());
        Browser viewer = Browser.withCookies(cookies);

        // A token the provider made before that sign-in, never used, from when she was an admin
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> old = new HashMap<>();
        Response refused;
        List<String> logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            refused = signIn(idToken(name, "spend-portal-admins").issuedAt(now - 120).expiresAt(now + 180), old);
            logs = captured.lines();
        }
        assertEquals(401, refused.statusCode());
        assertFalse(hasSession(old));
        assertNoTokenIn(logs);
        assertTrue(logs.stream().anyMatch(line -> line.contains("Single sign-on refused for " + name)
                && line.contains("before the one of the latest sign-in")), logs.toString());
        assertEquals(Roles.VIEWER, QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow().role));
        assertEquals(200, viewer.get("/").statusCode());

        // A newer token signs her in as usual
        assertEquals(200, signIn(idToken(name, "spend-portal-admins"), new HashMap<>()).statusCode());
        assertEquals(Roles.ADMIN, QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow().role));
    }

    @Test
    void twoKeyRotationsAMinuteApartLeaveSignInWorking() throws InterruptedException {
        // quarkus-oidc fetches the keys again for an unknown key id at most once per interval (30 s in production, 1 s
        // here): wait out a refetch an earlier test's unknown key may have caused
        Thread.sleep(SsoProvider.KEY_REFRESH_INTERVAL.toMillis() + 500);
        for (int rotation = 1; rotation <= 2; rotation++) {
            SsoProvider.SigningKey key = SsoProvider.rotateKeys(provider);
            int fetchesBefore = provider.findAll(getRequestedFor(urlEqualTo(SsoProvider.KEYS_PATH))).size();
            String name = newName();
            Map<String, String> cookies = new HashMap<>();
            Response landed = signIn(nonce -> key.sign(idToken(name, "spend-portal-viewers").claim("nonce", nonce)), cookies);
            assertEquals(200, landed.statusCode(), "rotation " + rotation + ": " + landed.asString());
            assertTrue(hasSession(cookies));
            assertEquals(fetchesBefore + 1, provider.findAll(getRequestedFor(urlEqualTo(SsoProvider.KEYS_PATH))).size(),
                    "rotation " + rotation + ": the unknown key id made the portal fetch the keys again, once");
            // The next rotation comes one refresh interval later (a minute apart in production terms)
            Thread.sleep(SsoProvider.KEY_REFRESH_INTERVAL.toMillis() + 500);
        }
        // Tokens signed with the provider's first key still verify, without another fetch
        int fetches = provider.findAll(getRequestedFor(urlEqualTo(SsoProvider.KEYS_PATH))).size();
        assertEquals(200, signIn(idToken(newName(), "spend-portal-viewers"), new HashMap<>()).statusCode());
        assertEquals(fetches, provider.findAll(getRequestedFor(urlEqualTo(SsoProvider.KEYS_PATH))).size());
    }

    @Test
    void aSignInTheProviderRefusesGetsAPageAndNoSession() {
        Response start = given().redirects().follow(false).get("/sso/login");
        Map<String, String> cookies = new HashMap<>(start.getCookies());
        Map<String, String> query = SsoProvider.query(URI.create(start.header("Location")));
        Response back = given().redirects().follow(false).cookies(cookies).queryParam("state", query.get("state"))
                .queryParam("error", "access_denied").get(URI.create(query.get("redirect_uri")).getPath());
        assertEquals(302, back.statusCode());
        assertFalse(hasSession(back.getCookies()));
        Response page = given().redirects().follow(false).get(URI.create(back.header("Location")).getPath());
        assertEquals(403, page.statusCode());
        assertTrue(page.asString().contains("did not sign you in"), page.asString());
    }

    @Test
    void disablingAnSsoUserEndsTheirSessionsAndRefusesTheirNextSignIn() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        assertEquals(200, signIn(idToken(name, "spend-portal-viewers"), cookies).statusCode());
        Browser viewer = Browser.withCookies(cookies);
        assertEquals(200, viewer.get("/").statusCode());

        long id = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).orElseThrow().id);
        assertEquals(303, Browser.admin().post("/users/" + id + "/enabled", Map.of("enabled", "false")).statusCode());
        assertEquals(302, viewer.get("/").statusCode());

        Map<String, String> again = new HashMap<>();
        Response refused = signIn(idToken(name, "spend-portal-viewers"), again);
        assertEquals(403, refused.statusCode());
        assertFalse(hasSession(again));
        assertTrue(refused.asString().contains("disabled"));
    }

    @Test
    void logoutEndsAnSsoSession() {
        Map<String, String> cookies = new HashMap<>();
        assertEquals(200, signIn(idToken(newName(), "spend-portal-viewers"), cookies).statusCode());
        Browser viewer = Browser.withCookies(cookies);
        assertEquals(200, viewer.get("/").statusCode());
        String session = viewer.cookie("portal-session");
        String login = viewer.cookie(LoginCookie.NAME);
        assertEquals(303, viewer.post("/logout", Map.of()).statusCode());
        Response replay = given().redirects().follow(false).cookie("portal-session", session).cookie(LoginCookie.NAME, login).get("/");
        assertEquals(302, replay.statusCode());
    }

    @Test
    void ssoUsersCannotLogInWithAPasswordNorTakeALocalUsersName() {
        String name = newName();
        assertEquals(200, signIn(idToken(name, "spend-portal-viewers"), new HashMap<>()).statusCode());
        Response login = Browser.loginForm().formParam("j_username", name).formParam("j_password", "")
                .post("/j_security_check");
        assertFalse(login.getCookies().containsKey("portal-session"));

        Map<String, String> cookies = new HashMap<>();
        Response taken = signIn(idToken(Browser.ADMIN, "spend-portal-admins"), cookies);
        assertEquals(403, taken.statusCode());
        assertFalse(hasSession(cookies));
    }

    @Test
    void localLoginKeepsWorkingAndTheLoginPageOffersSso() {
        assertEquals(200, Browser.admin().get("/users").statusCode());
        Response anonymous = given().redirects().follow(false).get("/");
        assertEquals(302, anonymous.statusCode());
        assertTrue(anonymous.header("Location").endsWith("/login"), "pages stay form login: " + anonymous.header("Location"));
        String page = given().get("/login").asString();
        assertTrue(Jsoup.parse(page).select("a[href=/sso/login]").text().contains("Sign in with Example Corp"), page);
        assertTrue(Jsoup.parse(page).text().contains("The password form below is for the portal's own users"), "which to use: " + page);
    }
}
