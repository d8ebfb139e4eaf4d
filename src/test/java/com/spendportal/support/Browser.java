package com.spendportal.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A logged-in form session for REST Assured page tests: keeps cookies like a browser and reads the
 * CSRF token from the pages it fetched.
 */
public final class Browser {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final Map<String, String> cookies = new HashMap<>();

    private Browser() {
    }

    public static Browser login(String username, String password) {
        Browser browser = new Browser();
        Response login = loginForm().formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
        browser.cookies.putAll(login.getCookies());
        if (!browser.cookies.containsKey("portal-session")) {
            throw new AssertionError("login as " + username + " failed: " + login.getStatusCode());
        }
        return browser;
    }

    /**
     * A post of the login form as a browser makes it: with the CSRF cookie the login page set and its token in the
     * form; add j_username and j_password.
     */
    public static RequestSpecification loginForm() {
        String token = given().get("/login").then().statusCode(200).extract().cookie("portal-csrf");
        if (token == null) {
            throw new AssertionError("the login page set no portal-csrf cookie");
        }
        return given().redirects().follow(false).cookie("portal-csrf", token).formParam("csrf-token", token);
    }

    /** A browser holding these cookies, as after a sign-in that did not go through the login form. */
    public static Browser withCookies(Map<String, String> cookies) {
        Browser browser = new Browser();
        browser.cookies.putAll(cookies);
        return browser;
    }

    public static Browser admin() {
        return login(ADMIN, ADMIN_PASSWORD);
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    public Response get(String path) {
        Response response = request().get(path);
        cookies.putAll(response.getCookies());
        return response;
    }

    public Document page(String path) {
        Response response = get(path);
        if (response.getStatusCode() != 200) {
            throw new AssertionError("GET " + path + " gave " + response.getStatusCode());
        }
        return Jsoup.parse(response.asString());
    }

    /** The CSRF token the portal put in its forms (fetching a page first if needed). */
    public String csrf() {
        if (!cookies.containsKey("portal-csrf")) {
            get("/");
        }
        return cookies.get("portal-csrf");
    }

    /** A form post with the CSRF token, as the browser sends it. */
    public Response post(String path, Map<String, String> form) {
        String token = csrf();
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", token);
        form.forEach(spec::formParam);
        Response response = spec.post(path);
        cookies.putAll(response.getCookies());
        return response;
    }

    /** Keeps the cookies of a response made with {@link #request()}, as a browser would. */
    public Response keep(Response response) {
        cookies.putAll(response.getCookies());
        return response;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }
}
