package com.spendportal.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** The JSON API with HTTP Basic, as scripts use it. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String username, String password) {
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(Browser.ADMIN, Browser.ADMIN_PASSWORD);
    }

    public static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an account through the API and returns its id. */
    public static long createAccount(String name, String apiKey) {
        String body = apiKey == null ? "{\"name\":\"" + name + "\"}"
                : "{\"name\":\"" + name + "\",\"apiKey\":\"" + apiKey + "\"}";
        return admin().body(body).post("/api/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
