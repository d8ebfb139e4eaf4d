package com.spendportal.accounts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountPagesTest {

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    @Test
    void loginPageIsPublicAndEverythingElseRedirectsToIt() {
        given().get("/login").then().statusCode(200);
        given().redirects().follow(false).get("/").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"));
        Response failed = Browser.loginForm().formParam("j_username", "admin")
                .formParam("j_password", "nope").post("/j_security_check");
        assertEquals(302, failed.statusCode());
        assertTrue(failed.header("Location").contains("/login?error"));
        Document page = Jsoup.parse(given().get("/login?error=1").asString());
        assertEquals("Wrong username or password.", page.select(".alert-bad").text());
    }

    @Test
    void sessionCookieIsHttpOnly() {
        Response login = Browser.loginForm().formParam("j_username", Browser.ADMIN)
                .formParam("j_password", Browser.ADMIN_PASSWORD).post("/j_security_check");
        String setCookie = login.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("portal-session=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
    }

    @Test
    void adminCreatesAnAccountAndSeesItOnTheDashboardWithoutItsKey() {
        Browser admin = Browser.admin();
        String name = Api.uniqueName("Page Acme");
        String key = "sk_fake_page_secret_wxyz9876";
        Response created = admin.post("/accounts", Map.of("name", name, "apiKey", key));
        assertEquals(303, created.statusCode());
        String location = created.header("Location");
        Document account = admin.page(location.substring(location.indexOf("/accounts/")));
        assertEquals(name, account.select("h1").first().ownText().trim());
        assertTrue(account.text().contains("…9876"));
        assertTrue(account.select(".flash").text().contains("created"));
        assertTrue(account.text().contains("No contract yet: enter the terms"));
        Document dashboard = admin.page("/");
        assertNotNull(dashboard.selectFirst("a:containsOwn(" + name + ")"));
        for (String path : new String[] {"/", location.substring(location.indexOf("/accounts/")),
                location.substring(location.indexOf("/accounts/")) + "/edit"}) {
            assertFalse(admin.get(path).asString().contains(key), path);
        }
    }

    @Test
    void invalidAccountFormComesBackWithMessagesBesideFieldsAndTypedValues() {
        Browser admin = Browser.admin();
        String longName = "n".repeat(101);
        Response response = admin.post("/accounts", Map.of("name", longName, "apiKey", "two words"));
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.asString());
        assertEquals(longName, page.select("#f-name").val());
        assertTrue(page.select("#e-name").text().contains("100"));
        assertTrue(page.select("#e-apiKey").text().contains("without spaces"));
        assertTrue(Api.admin().get("/api/accounts").then().extract().jsonPath().getList("name").stream()
                .noneMatch(longName::equals));
    }

    @Test
    void formPostWithoutCsrfTokenIsRefusedAndStoresNothing() {
        Browser admin = Browser.admin();
        String name = Api.uniqueName("Forged");
        admin.get("/");
        Response forged = admin.request().contentType("application/x-www-form-urlencoded")
                .formParam("name", name).post("/accounts");
        assertEquals(400, forged.statusCode());
        Response wrongToken = admin.request().contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").formParam("name", name).post("/accounts");
        assertEquals(400, wrongToken.statusCode());
        assertTrue(Api.admin().get("/api/accounts").then().extract().jsonPath().getList("name").stream()
                .noneMatch(name::equals));
    }

    @Test
    void renameReplaceKeyAndDeleteWithConfirmation() {
        Browser admin = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Rename"), "sk_old_key_1111");
        String newName = Api.uniqueName("Renamed");
        Response saved = admin.post("/accounts/" + id + "/edit", Map.of("name", newName, "apiKey", "sk_new_key_2222",
                "lowBalanceThresholdUsd", "1,000.50"));
        assertEquals(303, saved.statusCode());
        Api.admin().get("/api/accounts/" + id).then().body("name", org.hamcrest.Matchers.equalTo(newName))
                .body("apiKeyLast4", org.hamcrest.Matchers.equalTo("2222"))
                .body("lowBalanceThresholdUsd", org.hamcrest.Matchers.equalTo(1000.5f));
        Document confirm = admin.page("/accounts/" + id + "/delete");
        assertTrue(confirm.text().contains("cannot be undone"));
        assertEquals(303, admin.post("/accounts/" + id + "/delete", Map.of()).statusCode());
        Api.admin().get("/api/accounts/" + id).then().statusCode(404);
    }

    @Test
    void missingAccountIsA404PageNotA500() {
        Browser admin = Browser.admin();
        for (String path : new String[] {"/accounts/424242", "/accounts/424242/edit", "/accounts/424242/contract",
                "/accounts/424242/delete", "/accounts/not-a-number"}) {
            Response response = admin.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.asString().contains("Not found"), path);
        }
    }

    @Test
    void viewerReadsButFindsNoEditControlsAndCannotChangeAnything() {
        long id = Api.createAccount(Api.uniqueName("ViewerPage"), null);
        Browser viewer = Browser.login(Users.VIEWER, Users.VIEWER_PASSWORD);
        Document account = viewer.page("/accounts/" + id);
        assertTrue(account.select("a[href$=/edit], a[href$=/contract], a[href$=/delete]").isEmpty());
        assertTrue(viewer.page("/").select("a[href=/accounts/new]").isEmpty());
        assertTrue(viewer.page("/").select("a[href=/users]").isEmpty());
        for (String path : new String[] {"/accounts/new", "/accounts/" + id + "/edit", "/accounts/" + id + "/contract",
                "/accounts/" + id + "/delete", "/users"}) {
            assertEquals(403, viewer.get(path).statusCode(), path);
        }
        assertEquals(403, viewer.post("/accounts", Map.of("name", "by viewer")).statusCode());
        assertEquals(403, viewer.post("/accounts/" + id + "/delete", Map.of()).statusCode());
        assertEquals(403, viewer.post("/accounts/" + id + "/contract", Map.of("model", "DOLLAR_PACKAGE",
                "startDate", "2026-01-01", "termMonths", "12", "packageUsd", "100")).statusCode());
        Api.admin().get("/api/accounts/" + id).then().statusCode(200).body("contract", org.hamcrest.Matchers.nullValue());
    }
}
