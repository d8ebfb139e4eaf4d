package com.spendportal.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input and boundaries (DESIGN §9): control characters are refused in every stored text field, every body of the
 * wrong shape is a JSON 400 naming the field, unknown fields are refused, and nothing of it is stored.
 */
@QuarkusTest
class BadInputTest {

    /** NUL, a C0 control, ESC, DEL, a C1 control, a lone surrogate, a line break and a tab, as JSON escapes. */
    static final List<String> CONTROLS = List.of("\\u0000", "\\u0001", "\\u001b", "\\u007f", "\\u0085", "\\ud800", "\\n", "\\t");

    private static void refused(Response response, String field) {
        response.then().statusCode(400).contentType("application/json").body("error.field", equalTo(field))
                .body("error.message", not(equalTo("")));
    }

    @Test
    void controlCharactersAreRefusedInEveryStoredTextField() {
        long account = Api.createAccount(Api.uniqueName("Controls"), null);
        String before = Api.admin().get("/api/accounts/" + account).then().statusCode(200).extract().path("name");
        for (String control : CONTROLS) {
            refused(Api.admin().body("{\"name\":\"a" + control + "b\"}").post("/api/accounts"), "name");
            refused(Api.admin().body("{\"name\":\"a" + control + "b\"}").patch("/api/accounts/" + account), "name");
            refused(Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"a" + control + "b@example.com\"}")
                    .post("/api/notification-channels"), "address");
            refused(Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/a" + control + "b\"}")
                    .post("/api/notification-channels"), "url");
            refused(Api.admin().body("{\"name\":\"a" + control + "b\",\"scope\":\"read\"}").post("/api/tokens"), "name");
            Api.admin().body("[{\"month\":\"2026-01\",\"seconds\":1,\"product\":\"a" + control + "b\"}]")
                    .post("/api/accounts/" + account + "/usage").then().statusCode(400);
        }
        assertEquals(before, Api.admin().get("/api/accounts/" + account).then().extract().path("name"));
        assertEquals(0, Api.admin().get("/api/accounts/" + account + "/usage").then().extract().jsonPath().getList("$").size());
        String channels = Api.admin().get("/api/notification-channels").asString();
        String tokens = Api.admin().get("/api/tokens").asString();
        for (String stored : List.of(channels, tokens)) {
            assertFalse(stored.contains("a\\u0000b") || stored.contains("hooks.example.com/a"), stored);
        }

        Browser admin = Browser.admin();
        Response page = admin.post("/accounts", Map.of("name", "Tab\there", "apiKey", ""));
        assertEquals(400, page.statusCode());
        assertTrue(page.asString().contains("Remove the control characters"), "the message is beside the field");
    }

    @Test
    void everyBodyOfTheWrongShapeIsAJson400NamingTheField() {
        long account = Api.createAccount(Api.uniqueName("Shapes"), null);
        refused(Api.admin().body("[]").post("/api/tokens"), "body");
        refused(Api.admin().body("[]").post("/api/users"), "body");
        refused(Api.admin().body("[]").post("/api/accounts"), "body");
        refused(Api.admin().body("[]").put("/api/accounts/" + account + "/contract"), "body");
        refused(Api.admin().body("[]").post("/api/notification-channels"), "body");
        refused(Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":[\"https://hooks.example.com\"]}")
                .post("/api/notification-channels"), "url");
        refused(Api.admin().body("{\"name\":\"x\",\"scope\":\"read\",\"expiresAt\":\"not-a-date\"}").post("/api/tokens"),
                "expiresAt");
        refused(Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":{\"n\":12}}")
                .put("/api/accounts/" + account + "/contract"), "termMonths");
        refused(Api.admin().body("{\"name\":").post("/api/accounts"), "body");
        Api.admin().get("/api/accounts/" + account).then().statusCode(200).body("contract", equalTo(null));
    }

    @Test
    void unknownFieldsAreRefusedEverywhere() {
        long account = Api.createAccount(Api.uniqueName("Unknown"), null);
        refused(Api.admin().body("{\"name\":\"x\",\"scope\":\"read\",\"token\":\"sp_chosen\"}").post("/api/tokens"), "token");
        refused(Api.admin().body("{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/x\",\"secret\":\"mine\"}")
                .post("/api/notification-channels"), "secret");
        refused(Api.admin().body("{\"kind\":\"EMAIL\",\"address\":\"a@example.com\",\"id\":5}")
                .post("/api/notification-channels"), "id");
        refused(Api.admin().body("{\"username\":\"u-unknown\",\"password\":\"long-enough-pw-1\",\"role\":\"viewer\",\"admin\":true}")
                .post("/api/users"), "admin");
        refused(Api.admin().body("{\"name\":\"" + Api.uniqueName("X") + "\",\"id\":3}").post("/api/accounts"), "id");
        refused(Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"discount\":5}")
                .put("/api/accounts/" + account + "/contract"), "discount");
        Api.admin().get("/api/users").then().body("username", not(org.hamcrest.Matchers.hasItem("u-unknown")));
    }

    @Test
    void aNonNumberQueryParameterIsA400NamingIt() {
        refused(Api.admin().get("/api/alerts?accountId=abc"), "accountId");
        refused(Api.admin().get("/api/audit?limit=abc"), "limit");
        refused(Api.admin().get("/api/audit?before=abc"), "before");
    }

    @Test
    void theLoginFormNeedsItsCsrfTokenAndTheCsrfCookieIsSameSiteStrict() {
        Response forged = given().redirects().follow(false).formParam("j_username", Browser.ADMIN)
                .formParam("j_password", Browser.ADMIN_PASSWORD).post("/j_security_check");
        assertFalse(forged.getCookies().containsKey("portal-session"), "a login post from elsewhere signs no one in");
        Response wrongToken = given().redirects().follow(false).cookie("portal-csrf", "one-value")
                .formParam("csrf-token", "another-value").formParam("j_username", Browser.ADMIN)
                .formParam("j_password", Browser.ADMIN_PASSWORD).post("/j_security_check");
        assertFalse(wrongToken.getCookies().containsKey("portal-session"));
        assertTrue(Browser.loginForm().formParam("j_username", Browser.ADMIN).formParam("j_password", Browser.ADMIN_PASSWORD)
                .post("/j_security_check").getCookies().containsKey("portal-session"), "the real form signs in");

        Response login = given().get("/login");
        String csrfCookie = login.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("portal-csrf="))
                .findFirst().orElseThrow();
        assertTrue(csrfCookie.contains("SameSite=Strict"), csrfCookie);
        login.then().body(containsString("name=\"csrf-token\""));
    }
}
