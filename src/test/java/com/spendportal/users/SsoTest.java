package com.spendportal.users;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.support.Browser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on through a stand-in identity provider (quarkus-test-oidc-server's WireMock): each test
 * walks the code flow as a browser would, with the id token the provider's token endpoint answers.
 */
@QuarkusTest
@TestProfile(SsoTest.SsoOn.class)
@WithTestResource(OidcWiremockTestResource.class)
class SsoTest {

    public static class SsoOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.sso.enabled", "true",
                    "portal.sso.display-name", "Example Corp",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.client-id", "spend-portal",
                    "quarkus.oidc.credentials.secret", "sso-test-secret");
        }
    }

    @OidcWireMock
    WireMockServer provider;

    static String newName() {
        return "sso-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JwtClaimsBuilder idToken(String username, String... groups) {
        return Jwt.preferredUserName(username).subject(username).groups(Set.of(groups))
                .issuer("https://server.example.com").audience("spend-portal").expiresIn(300);
    }

    Response signIn(JwtClaimsBuilder idToken, Map<String, String> cookies) {
        return signIn(nonce -> idToken.claim("nonce", nonce).sign(), cookies);
    }

    /**
     * Walks /sso/login → provider → callback → /sso/login, the provider answering the id token made for the
     * request's nonce; the answer of the last step, with every cookie set on the way.
     */
    Response signIn(Function<String, String> idTokenForNonce, Map<String, String> cookies) {
        Response start = given().redirects().follow(false).get("/sso/login");
        assertEquals(302, start.statusCode());
        cookies.putAll(start.getCookies());
        Map<String, String> query = query(URI.create(start.header("Location")));
        assertNotNull(query.get("nonce"), "the id token must carry the nonce of its request");
        String token = idTokenForNonce.apply(query.get("nonce"));
        provider.stubFor(post(urlEqualTo("/auth/realms/quarkus/token")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"id_token\":\"" + token
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        URI callback = URI.create(query.get("redirect_uri"));
        Response back = given().redirects().follow(false).cookies(cookies)
                .queryParam("state", query.get("state")).queryParam("code", "provider-code").get(callback.getPath());
        cookies.putAll(back.getCookies());
        if (back.statusCode() != 302) {
            return back;
        }
        Response landed = given().redirects().follow(false).cookies(cookies).get(URI.create(back.header("Location")).getPath());
        cookies.putAll(landed.getCookies());
        return landed;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    static boolean hasSession(Map<String, String> cookies) {
        String session = cookies.get("portal-session");
        return session != null && !session.isEmpty();
    }

    @Test
    void theAdminGroupSignsInAsAnAdminWithThePortalsOwnSession() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        Response landed = signIn(idToken(name, "spend-portal-admins", "others"), cookies);
        assertEquals(200, landed.statusCode());
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
        assertEquals(User.ADMIN, user.role);
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
    }

    @Test
    void neitherGroupGetsNoSessionAndAPageSayingWhomToAsk() {
        String name = newName();
        Map<String, String> cookies = new HashMap<>();
        Response refused = signIn(idToken(name, "someone-else"), cookies);
        assertEquals(403, refused.statusCode());
        assertFalse(hasSession(cookies));
        String text = Jsoup.parse(refused.asString()).text();
        assertTrue(text.contains("spend-portal-admins") && text.contains("spend-portal-viewers") && text.contains("Example Corp"), text);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> User.findByUsername(name).isEmpty()));
    }

    @Test
    void aTokenSignedByAnotherKeyForAnotherClientExpiredFromAnotherIssuerOrWithAnotherNonceGetsNoSession() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        List<Function<String, String>> badTokens = List.of(
                nonce -> idToken(newName(), "spend-portal-admins").claim("nonce", nonce).sign(generator.generateKeyPair().getPrivate()),
                nonce -> idToken(newName(), "spend-portal-admins").claim("nonce", nonce).audience("another-client").sign(),
                nonce -> idToken(newName(), "spend-portal-admins").claim("nonce", nonce).issuedAt(1_000_000).expiresAt(1_000_300).sign(),
                nonce -> idToken(newName(), "spend-portal-admins").issuer("https://elsewhere.example.com").claim("nonce", nonce).sign(),
                nonce -> idToken(newName(), "spend-portal-admins").claim("nonce", "replayed-" + nonce).sign());
        for (Function<String, String> token : badTokens) {
            Map<String, String> cookies = new HashMap<>();
            Response refused = signIn(token, cookies);
            assertEquals(401, refused.statusCode());
            assertFalse(hasSession(cookies));
        }
    }

    @Test
    void aSignInTheProviderRefusesGetsAPageAndNoSession() {
        Response start = given().redirects().follow(false).get("/sso/login");
        Map<String, String> cookies = new HashMap<>(start.getCookies());
        Map<String, String> query = query(URI.create(start.header("Location")));
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
        Response login = given().redirects().follow(false).formParam("j_username", name).formParam("j_password", "")
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
    }
}
