package com.spendportal.tokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The /tokens page: create shows the value once, the list shows when each was last used, revoke ends it. */
@QuarkusTest
class TokenPagesTest {

    @Test
    void createShowsTheValueOnceAndRevokeEndsIt() {
        Users.ensureViewer();
        Browser browser = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        assertFalse(browser.page("/").select("nav a[href=/tokens]").isEmpty(), "linked in the nav");
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8);

        Response created = browser.post("/tokens", Map.of("name", name, "scope", "read", "expiresOn", ""));
        assertEquals(200, created.getStatusCode());
        String value = Jsoup.parse(created.asString()).selectFirst("input.token-value").attr("value");
        assertTrue(TokenValues.wellFormed(value), value);
        assertEquals(null, created.getCookie("portal-flash"), "the value rides in no cookie");

        given().header("Authorization", "Bearer " + value).get("/api/accounts").then().statusCode(200);

        Document list = browser.page("/tokens");
        assertFalse(list.html().contains(value.substring(3)), "shown only once");
        Element row = list.select("table.tokens tbody tr").stream()
                .filter(r -> r.selectFirst("th") != null && r.selectFirst("th").text().equals(name)).findFirst().orElseThrow();
        assertEquals("just now", row.selectFirst("td[data-label=Last used]").text());
        String revokeAction = row.selectFirst("form").attr("action");

        given().redirects().follow(false).cookies(Map.of()).post(revokeAction).then().statusCode(302);
        Response forged = browser.request().contentType("application/x-www-form-urlencoded").post(revokeAction);
        assertEquals(400, forged.getStatusCode(), "no CSRF token, no change");
        given().header("Authorization", "Bearer " + value).get("/api/accounts").then().statusCode(200);

        Response revoked = browser.post(revokeAction, Map.of());
        assertEquals(303, revoked.getStatusCode());
        given().header("Authorization", "Bearer " + value).get("/api/accounts").then().statusCode(401);
        assertTrue(browser.page("/tokens").select("table.tokens tbody th").stream().noneMatch(th -> th.text().equals(name)));
    }

    @Test
    void anInvalidFormComesBackWithItsMessagesAndValues() {
        Browser browser = Browser.admin();
        Response answer = browser.post("/tokens", Map.of("name", "keep me", "scope", "root", "expiresOn", "2001-01-01"));
        assertEquals(400, answer.getStatusCode());
        Document page = Jsoup.parse(answer.asString());
        assertEquals("keep me", page.selectFirst("#f-name").attr("value"));
        assertFalse(page.select(".has-error").isEmpty());
        assertTrue(page.select("input.token-value").isEmpty());
    }
}
