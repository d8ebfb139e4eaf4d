package com.spendportal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("h2-only") // headers and escaping; the queries behind these pages run on both in the page tests
class SecurityHeadersTest {

    private static void assertHeaders(Response response, String what) {
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("object-src 'none'")
                && csp.contains("base-uri 'none'") && csp.contains("frame-ancestors 'none'"), what + ": " + csp);
        assertTrue("nosniff".equals(response.header("X-Content-Type-Options")), what);
        assertTrue(response.header("Referrer-Policy") != null, what);
        assertEquals(List.of("no-store"), response.headers().getValues("Cache-Control"), what + ": Cache-Control once");
    }

    @Test
    void everyKindOfResponseCarriesTheHeaders() {
        Browser admin = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Headers"), null);
        assertHeaders(given().get("/login"), "login page");
        assertHeaders(given().redirects().follow(false).get("/"), "redirect to login");
        assertHeaders(admin.get("/"), "dashboard");
        assertHeaders(admin.get("/accounts/" + id), "account page");
        assertHeaders(admin.get("/accounts/999999"), "404 page");
        assertHeaders(admin.get("/accounts.csv"), "CSV export");
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"100\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        assertHeaders(admin.get("/accounts/" + id + "/statement.csv"), "statement CSV");
        assertHeaders(admin.get("/accounts/" + id + "/statement.pdf"), "statement PDF");
        assertHeaders(admin.get("/accounts/" + id + "/snapshots.csv"), "readings CSV");
        assertHeaders(admin.get("/plan.pdf"), "plan PDF");
        assertHeaders(Api.admin().get("/api/accounts/999999"), "API 404");
        assertHeaders(admin.request().contentType("application/x-www-form-urlencoded").formParam("name", "x").post("/accounts"),
                "CSRF refusal");
    }

    @Test
    void csvIsAnAttachment() {
        Browser.admin().get("/accounts.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .header("Content-Type", containsString("text/csv"));
    }

    @Test
    void storedMarkupIsRenderedAsText() {
        Browser admin = Browser.admin();
        String[] names = {"\"><script>alert(1)</script>", "x' onmouseover=alert(1) y"};
        for (String name : names) {
            String unique = name + " " + System.nanoTime();
            Response created = admin.post("/accounts", Map.of("name", unique));
            String location = created.header("Location");
            String path = location.substring(location.indexOf("/accounts/"));
            Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"100\"}")
                    .put("/api" + path + "/contract").then().statusCode(200);
            for (String page : new String[] {"/", path, path + "/edit", path + "/delete", path + "/usage", path + "/contract"}) {
                String html = admin.get(page).asString();
                assertFalse(html.contains("<script>alert(1)</script>"), page);
                assertFalse(html.contains("' onmouseover=alert(1)"), page);
            }
            String csv = admin.get("/accounts.csv").asString();
            assertTrue(csv.contains("\"\"\"><script>") || csv.contains("\"><script>"), "the CSV keeps the name as text");
        }
        given().get("/login?error=<script>").then().body(containsString("Log in")).body(org.hamcrest.Matchers.not(containsString("<script>")));
    }

    @Test
    void formulaLeadingNamesAreDefusedInCsv() {
        Browser admin = Browser.admin();
        String name = "=HYPERLINK(\"http://evil\") " + System.nanoTime();
        Api.createAccount(name.replace("\"", "\\\""), null);
        String csv = admin.get("/accounts.csv").asString();
        assertTrue(csv.contains("'=HYPERLINK"), csv);
        Api.admin().get("/api/accounts").then().statusCode(200).body("find { it.name == '" + name.replace("\"", "\\\"") + "' }.name",
                equalTo(name));
    }
}
