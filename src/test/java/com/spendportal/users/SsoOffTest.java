package com.spendportal.users;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Single sign-on is off unless configured (DESIGN §13): nothing of it shows. */
@QuarkusTest
@Tag("h2-only") // single sign-on off: no page, no query of its own
class SsoOffTest {

    @Test
    void ssoPagesDoNotExistAndTheLoginPageDoesNotOfferIt() {
        assertEquals(404, given().redirects().follow(false).get("/sso/login").statusCode());
        assertEquals(404, given().redirects().follow(false).get("/sso/error").statusCode());
        assertEquals(404, Browser.admin().get("/sso/login").statusCode());
        String login = given().get("/login").asString();
        assertFalse(login.contains("/sso/login"), login);
        assertTrue(login.contains("j_security_check"));
    }

    @Test
    void anonymousPagesStillGoToTheLoginForm() {
        var page = given().redirects().follow(false).get("/");
        assertEquals(302, page.statusCode());
        assertTrue(page.header("Location").endsWith("/login"), page.header("Location"));
    }
}
