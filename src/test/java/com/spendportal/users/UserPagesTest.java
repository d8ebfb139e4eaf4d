package com.spendportal.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserPagesTest {

    @Test
    void adminAddsAViewerWhoCanLogInUntilDisabled() {
        Browser admin = Browser.admin();
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(303, admin.post("/users", Map.of("username", username, "password", "long-enough-pw", "role", "viewer")).statusCode());
        Browser viewer = Browser.login(username, "long-enough-pw");
        assertEquals(200, viewer.get("/").statusCode());
        Api.as(username, "long-enough-pw").get("/api/accounts").then().statusCode(200);

        Document users = admin.page("/users");
        String id = users.select("form[action$=/enabled]").stream()
                .filter(f -> f.parent().parent().text().contains(username)).findFirst().orElseThrow()
                .attr("action").replaceAll("\\D", "");
        assertEquals(303, admin.post("/users/" + id + "/enabled", Map.of("enabled", "false")).statusCode());
        assertEquals(302, viewer.get("/").statusCode(), "a disabled user's session no longer works");
        Api.as(username, "long-enough-pw").get("/api/accounts").then().statusCode(401);
    }

    @Test
    void passwordRulesAreCheckedBesideTheField() {
        Browser admin = Browser.admin();
        Response shortPw = admin.post("/users", Map.of("username", "shorty", "password", "short", "role", "viewer"));
        assertEquals(400, shortPw.statusCode());
        assertTrue(Jsoup.parse(shortPw.asString()).select("#e-password").text().contains("at least 10"));
        Response longPw = admin.post("/users", Map.of("username", "longy", "password", "é".repeat(37), "role", "viewer"));
        assertEquals(400, longPw.statusCode());
        assertTrue(Jsoup.parse(longPw.asString()).select("#e-password").text().contains("72 bytes"));
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabled() {
        Browser admin = Browser.admin();
        Document users = admin.page("/users");
        String adminId = users.select("form[action$=/role]").stream()
                .filter(f -> f.parent().parent().select("th").text().startsWith("admin ")).findFirst().orElseThrow()
                .attr("action").replaceAll("\\D", "");
        long admins = users.select("select[name=role] option[value=admin][selected]").size();
        if (admins == 1) {
            assertEquals(400, admin.post("/users/" + adminId + "/role", Map.of("role", "viewer")).statusCode());
        }
    }
}
