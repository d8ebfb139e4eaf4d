package com.spendportal.tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.CapturedLogs;
import com.spendportal.users.User;
import com.spendportal.web.Roles;
import com.spendportal.web.Via;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Personal API tokens (DESIGN §12): every rule, through HTTP as a script uses them. */
@QuarkusTest
class TokenApiTest {

    private static final String PASSWORD = "token-test-password";

    record Issued(long id, String value) {
    }

    private static String newUser(String role) {
        String name = "tok-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> User.create(name, PASSWORD, role));
        return name;
    }

    private static Issued issue(String username, String scope) {
        Response created = Api.as(username, PASSWORD).body("{\"name\":\"script\",\"scope\":\"" + scope + "\"}")
                .post("/api/tokens");
        created.then().statusCode(201);
        return new Issued(created.jsonPath().getLong("id"), created.jsonPath().getString("token"));
    }

    private static RequestSpecification bearer(String value) {
        return given().header("Authorization", "Bearer " + value).contentType(ContentType.JSON);
    }

    @Test
    void createShowsTheValueOnceAndStoresOnlyItsHash() {
        String user = newUser(Roles.VIEWER);
        Response created = Api.as(user, PASSWORD).body("{\"name\":\" nightly export \",\"scope\":\"read\",\"expiresAt\":\"2999-01-01T00:00:00Z\"}")
                .post("/api/tokens");
        created.then().statusCode(201)
                .body("name", equalTo("nightly export"))
                .body("scope", equalTo("read"))
                .body("token", matchesPattern("sp_[A-Za-z0-9_-]{43}"))
                .body("createdAt", notNullValue())
                .body("expiresAt", equalTo("2999-01-01T00:00:00Z"));
        long id = created.jsonPath().getLong("id");
        String value = created.jsonPath().getString("token");

        ApiToken stored = QuarkusTransaction.requiringNew().call(() -> ApiToken.findById(id));
        assertEquals(TokenValues.hash(value), stored.tokenHash);
        assertEquals(64, stored.tokenHash.length());
        assertFalse(stored.tokenHash.contains(value.substring(3)));

        String listed = Api.as(user, PASSWORD).get("/api/tokens").then().statusCode(200)
                .body("id", hasItem((int) id)).body("[0]", not(hasKey("token")))
                .extract().asString();
        assertFalse(listed.contains(value.substring(3)), listed);
    }

    @Test
    void invalidRequestsAreRefusedWithTheFieldNamed() {
        String user = newUser(Roles.VIEWER);
        Api.as(user, PASSWORD).body("{\"name\":\"x\",\"scope\":\"admin\"}").post("/api/tokens")
                .then().statusCode(400).body("error.field", equalTo("scope"));
        Api.as(user, PASSWORD).body("{\"name\":\"\",\"scope\":\"read\"}").post("/api/tokens")
                .then().statusCode(400).body("error.field", equalTo("name"));
        Api.as(user, PASSWORD).body("{\"name\":\"x\",\"scope\":\"read\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}").post("/api/tokens")
                .then().statusCode(400).body("error.field", equalTo("expiresAt"));
    }

    @Test
    void aReadTokenMayOnlyGet() {
        long account = Api.createAccount(Api.uniqueName("Token read"), null);
        Issued token = issue(newUser(Roles.ADMIN), "read");
        bearer(token.value()).get("/api/accounts/" + account).then().statusCode(200).body("id", equalTo((int) account));
        bearer(token.value()).head("/api/accounts/" + account).then().statusCode(200);
        bearer(token.value()).body("{\"name\":\"" + Api.uniqueName("Refused") + "\"}").post("/api/accounts")
                .then().statusCode(403).contentType(ContentType.JSON).body("error.code", equalTo("forbidden"));
        bearer(token.value()).delete("/api/tokens/" + token.id()).then().statusCode(403);
    }

    @Test
    void aWriteTokenDoesWhatItsOwnersRoleMay() {
        Issued admin = issue(newUser(Roles.ADMIN), "write");
        bearer(admin.value()).body("{\"name\":\"" + Api.uniqueName("By token") + "\"}").post("/api/accounts")
                .then().statusCode(201).body("id", notNullValue());

        String viewer = newUser(Roles.VIEWER);
        Api.as(viewer, PASSWORD).body("{\"name\":\"script\",\"scope\":\"write\"}").post("/api/tokens").then().statusCode(400)
                .body("error.field", equalTo("scope"));
        assertEquals(0, QuarkusTransaction.requiringNew()
                .call(() -> ApiToken.listActive(User.findByUsername(viewer).orElseThrow().id).size()), "no token was made");

        String demoted = newUser(Roles.ADMIN);
        Issued demotedToken = issue(demoted, "write");
        QuarkusTransaction.requiringNew().run(() -> User.findByUsername(demoted).orElseThrow().role = Roles.VIEWER);
        bearer(demotedToken.value()).get("/api/accounts").then().statusCode(200);
        bearer(demotedToken.value()).body("{\"name\":\"" + Api.uniqueName("Viewer") + "\"}").post("/api/accounts")
                .then().statusCode(403);
    }

    @Test
    void tokensNeitherMintTokensNorOpenPages() {
        Issued token = issue(newUser(Roles.ADMIN), "write");
        bearer(token.value()).body("{\"name\":\"child\",\"scope\":\"write\"}").post("/api/tokens")
                .then().statusCode(403).body("error.code", equalTo("forbidden"));
        bearer(token.value()).get("/api/tokens").then().statusCode(200);
        // Pages take only the login form's session (quarkus.http.auth.permission.pages.auth-mechanism=form):
        // a token there is no identity, so the request goes to the login page.
        given().redirects().follow(false).header("Authorization", "Bearer " + token.value()).get("/users")
                .then().statusCode(302).header("Location", org.hamcrest.Matchers.containsString("/login"));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        String user = newUser(Roles.VIEWER);
        Issued token = issue(user, "read");
        bearer(token.value()).get("/api/accounts").then().statusCode(200);
        Api.as(user, PASSWORD).delete("/api/tokens/" + token.id()).then().statusCode(204);
        bearer(token.value()).get("/api/accounts").then().statusCode(401);
        Api.as(user, PASSWORD).get("/api/tokens").then().statusCode(200).body("id", not(hasItem((int) token.id())));
        Api.as(user, PASSWORD).delete("/api/tokens/" + token.id()).then().statusCode(404);
    }

    @Test
    void nobodyRevokesSomeoneElsesToken() {
        Issued token = issue(newUser(Roles.VIEWER), "read");
        Api.admin().delete("/api/tokens/" + token.id()).then().statusCode(404);
        bearer(token.value()).get("/api/accounts").then().statusCode(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Issued token = issue(newUser(Roles.VIEWER), "read");
        bearer(token.value()).get("/api/accounts").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> ApiToken.<ApiToken>findById(token.id()).expiresAt = Instant.now().minusSeconds(1));
        bearer(token.value()).get("/api/accounts").then().statusCode(401);
    }

    @Test
    void theTokenOfADisabledOrDeletedUserIsRefused() {
        String disabled = newUser(Roles.ADMIN);
        Issued first = issue(disabled, "write");
        bearer(first.value()).get("/api/accounts").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> User.findByUsername(disabled).orElseThrow().enabled = false);
        bearer(first.value()).get("/api/accounts").then().statusCode(401);

        String deleted = newUser(Roles.VIEWER);
        Issued second = issue(deleted, "read");
        bearer(second.value()).get("/api/accounts").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> User.delete("username", deleted));
        bearer(second.value()).get("/api/accounts").then().statusCode(401);
        assertNull(QuarkusTransaction.requiringNew().call(() -> ApiToken.findById(second.id())), "removed with its owner");
    }

    @Test
    void everyRefusalLooksTheSame() {
        String user = newUser(Roles.VIEWER);
        Issued revoked = issue(user, "read");
        Api.as(user, PASSWORD).delete("/api/tokens/" + revoked.id()).then().statusCode(204);
        String wellFormedButUnknown = TokenValues.generate();
        List<String> headers = List.of("Bearer " + wellFormedButUnknown, "Bearer not-a-token", "Bearer ", "bearer sp_short",
                "Bearer " + revoked.value());
        Response reference = given().header("Authorization", headers.get(0)).get("/api/accounts");
        reference.then().statusCode(401);
        String challenge = reference.getHeader("WWW-Authenticate");
        assertNotNull(challenge);
        for (String header : headers) {
            Response answer = given().header("Authorization", header).get("/api/accounts");
            assertEquals(401, answer.getStatusCode(), header);
            assertEquals(challenge, answer.getHeader("WWW-Authenticate"), header);
            assertEquals(reference.asString(), answer.asString(), header);
        }
        Response anonymous = given().get("/api/accounts");
        assertEquals(401, anonymous.getStatusCode());
        assertNotNull(anonymous.getHeader("WWW-Authenticate"));
    }

    @Inject
    TokenIdentityProvider tokens;

    @Test
    void aTokenIdentityCarriesItsOwnerRoleScopeAndWayIn() {
        String user = newUser(Roles.VIEWER);
        Issued token = issue(user, "read");
        SecurityIdentity identity = tokens.identify(TokenValues.hash(token.value()), Instant.now());
        assertEquals(user, identity.getPrincipal().getName());
        assertTrue(identity.hasRole(Roles.VIEWER));
        assertEquals("token:" + token.id(), Via.of(identity));
        assertEquals("read", identity.getAttribute(TokenIdentityProvider.SCOPE));
    }

    @Test
    void basicKeepsWorkingAndASessionCookieIsNoPassForTheApi() {
        Api.admin().get("/api/accounts").then().statusCode(200);
        Api.as("admin", "wrong-password-here").get("/api/accounts").then().statusCode(401);
    }

    @Test
    void lastUsedIsRecordedAtMostOnceAMinute() {
        String user = newUser(Roles.VIEWER);
        Issued token = issue(user, "read");
        Api.as(user, PASSWORD).get("/api/tokens").then().body("[0].lastUsedAt", nullValue());
        bearer(token.value()).get("/api/accounts").then().statusCode(200);
        Instant first = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(token.id()).lastUsedAt);
        assertNotNull(first);
        bearer(token.value()).get("/api/accounts").then().statusCode(200);
        Instant second = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(token.id()).lastUsedAt);
        assertEquals(first, second, "not written again within a minute");
        QuarkusTransaction.requiringNew().run(() -> ApiToken.<ApiToken>findById(token.id()).lastUsedAt = first.minus(2, ChronoUnit.MINUTES));
        bearer(token.value()).get("/api/accounts").then().statusCode(200);
        Instant third = QuarkusTransaction.requiringNew().call(() -> ApiToken.<ApiToken>findById(token.id()).lastUsedAt);
        assertTrue(third.isAfter(first.minus(1, ChronoUnit.MINUTES)), third + " after " + first);
        Api.as(user, PASSWORD).get("/api/tokens").then().body("[0].lastUsedAt", notNullValue());
    }

    @Test
    void theTokenNeverReachesALogLine() {
        String user = newUser(Roles.ADMIN);
        try (CapturedLogs logs = CapturedLogs.start()) {
            Issued token = issue(user, "read");
            bearer(token.value()).get("/api/accounts").then().statusCode(200);
            bearer(token.value()).body("{\"name\":\"x\"}").post("/api/accounts").then().statusCode(403);
            Api.as(user, PASSWORD).delete("/api/tokens/" + token.id()).then().statusCode(204);
            bearer(token.value()).get("/api/accounts").then().statusCode(401);
            String secret = token.value().substring(3);
            for (String line : logs.lines()) {
                assertFalse(line.contains(secret), line);
                assertFalse(line.contains(TokenValues.hash(token.value())), line);
            }
        }
    }
}
