package com.spendportal.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.spendportal.support.Api;
import com.spendportal.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountApiTest {

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    @Test
    void createsListsAndReadsAnAccountShowingOnlyTheLastFourOfTheKey() {
        String name = Api.uniqueName("Acme");
        String key = "sk_fake_test_secret_abcd1234";
        String body = Api.admin().body("{\"name\":\"" + name + "\",\"apiKey\":\"" + key + "\"}")
                .post("/api/accounts").then().statusCode(201)
                .body("name", equalTo(name)).body("apiKeyLast4", equalTo("1234"))
                .body("contract", nullValue()).body("latestSnapshot", nullValue())
                .extract().asString();
        assertFalse(body.contains(key));
        String one = Api.admin().get("/api/accounts/" + idOf(name)).then().statusCode(200)
                .body("name", equalTo(name)).extract().asString();
        assertFalse(one.contains(key));
        String all = Api.admin().get("/api/accounts").then().statusCode(200)
                .body("name", hasItem(name)).extract().asString();
        assertFalse(all.contains(key));
    }

    private static long idOf(String name) {
        return Api.admin().get("/api/accounts").then().extract().jsonPath()
                .getLong("find { it.name == '" + name + "' }.id");
    }

    @Test
    void refusesBadNamesWithA400NamingTheFieldAndStoresNothing() {
        long before = Api.admin().get("/api/accounts").then().extract().jsonPath().getList("id").size();
        Api.admin().body("{\"name\":\"   \"}").post("/api/accounts").then().statusCode(400)
                .body("error.code", equalTo("invalid")).body("error.field", equalTo("name"));
        Api.admin().body("{\"name\":\"" + "x".repeat(101) + "\"}").post("/api/accounts").then().statusCode(400)
                .body("error.field", equalTo("name")).body("error.message", containsString("100"));
        String name = Api.uniqueName("Dup");
        Api.createAccount(name, null);
        Api.admin().body("{\"name\":\"" + name.toUpperCase() + "\"}").post("/api/accounts").then().statusCode(400)
                .body("error.field", equalTo("name"));
        Api.admin().body("{\"name\":\"k\",\"apiKey\":\"has space\"}").post("/api/accounts").then().statusCode(400)
                .body("error.field", equalTo("apiKey"));
        Api.admin().body("{not json").post("/api/accounts").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
        long after = Api.admin().get("/api/accounts").then().extract().jsonPath().getList("id").size();
        assertEquals(before + 1, after);
    }

    @Test
    void unknownAccountIs404Json() {
        Api.admin().get("/api/accounts/987654").then().statusCode(404).body("error.code", equalTo("not_found"));
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"100\"}")
                .put("/api/accounts/987654/contract").then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void apiNeedsBasicAuthAndViewersOnlyRead() {
        given().get("/api/accounts").then().statusCode(401);
        Api.as("admin", "wrong-password").get("/api/accounts").then().statusCode(401);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/accounts").then().statusCode(200);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).body("{\"name\":\"viewer made\"}").post("/api/accounts")
                .then().statusCode(403).body("error.code", equalTo("forbidden"));
        long id = Api.createAccount(Api.uniqueName("ViewerTarget"), null);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD)
                .body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"packageUsd\":\"100\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(403);
        Api.admin().get("/api/accounts/" + id).then().body("contract", nullValue());
        Api.admin().get("/api/accounts").then().body("name", not(hasItem("viewer made")));
    }

    @Test
    void extraFieldsLikeIdOrDemoAreRefusedInTheApiAndIgnoredInForms() {
        String name = Api.uniqueName("Extra");
        Api.admin().body("{\"name\":\"" + name + "\",\"id\":987654,\"demo\":true,\"role\":\"admin\",\"apiKeyLast4\":\"0000\"}")
                .post("/api/accounts").then().statusCode(400).body("error.field", equalTo("id"));
        Api.admin().get("/api/accounts").then().body("find { it.name == '" + name + "' }", nullValue());
        com.spendportal.support.Browser admin = com.spendportal.support.Browser.admin();
        String formName = Api.uniqueName("ExtraForm");
        admin.post("/accounts", java.util.Map.of("name", formName, "id", "1", "demo", "true", "role", "admin"));
        Api.admin().get("/api/accounts").then().body("find { it.name == '" + formName + "' }.demo", equalTo(false));
    }
}
