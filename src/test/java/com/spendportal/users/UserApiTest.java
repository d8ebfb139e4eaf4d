package com.spendportal.users;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.Users;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users through the API (DESIGN §12): the rules of the users page, with JSON errors. */
@QuarkusTest
class UserApiTest {

    private static final String PASSWORD = "user-api-password-1";

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    private static String newName() {
        return "api-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long create(String name, String role) {
        return Api.admin().body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}")
                .post("/api/users").then().statusCode(201).body("username", equalTo(name)).body("role", equalTo(role))
                .body("enabled", equalTo(true)).body("sso", equalTo(false)).body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash"))).extract().jsonPath().getLong("id");
    }

    private static User stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> User.findById(id));
    }

    @Test
    void adminsCreateListAndReadUsersWhoCanThenLogIn() {
        String name = newName();
        long id = create(name, Roles.VIEWER);
        String listed = Api.admin().get("/api/users").then().statusCode(200).body("username", hasItem(name)).extract().asString();
        assertFalse(listed.contains("$2a$") || listed.contains(PASSWORD), "no password or hash in the list");
        Api.admin().get("/api/users/" + id).then().statusCode(200).body("username", equalTo(name));
        Api.as(name, PASSWORD).get("/api/accounts").then().statusCode(200);
        Api.admin().get("/api/users/999999").then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void badNewUsersAre400WithEveryFieldAndNothingStored() {
        String taken = newName();
        create(taken, Roles.VIEWER);
        int before = Api.admin().get("/api/users").then().extract().jsonPath().getList("id").size();
        Api.admin().body("{\"username\":\"" + taken + "\",\"password\":\"short\",\"role\":\"owner\"}").post("/api/users")
                .then().statusCode(400).body("error.code", equalTo("invalid"))
                .body("error.fields.username", equalTo("That username is taken."))
                .body("error.fields.password", equalTo(Passwords.problem("short")))
                .body("error.fields.role", equalTo("Choose admin or viewer."));
        Api.admin().body("{\"username\":\"a b\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}").post("/api/users")
                .then().statusCode(400).body("error.field", equalTo("username"));
        assertEquals(before, Api.admin().get("/api/users").then().extract().jsonPath().getList("id").size());
    }

    @Test
    void patchChangesRoleAccessAndPasswordAndEndsSessions() {
        String name = newName();
        long id = create(name, Roles.VIEWER);
        Browser session = Browser.login(name, PASSWORD);
        session.get("/").then().statusCode(200);

        Api.admin().body("{\"role\":\"admin\"}").patch("/api/users/" + id).then().statusCode(200).body("role", equalTo("admin"));
        assertEquals(Roles.ADMIN, stored(id).role);
        assertEquals(302, session.get("/").statusCode(), "the role change ends their page session");

        Api.admin().body("{\"enabled\":false}").patch("/api/users/" + id).then().statusCode(200).body("enabled", equalTo(false));
        Api.as(name, PASSWORD).get("/api/accounts").then().statusCode(401);
        Api.admin().body("{\"enabled\":true, \"password\":\"another-password-22\"}").patch("/api/users/" + id)
                .then().statusCode(200).body("enabled", equalTo(true));
        Api.as(name, PASSWORD).get("/api/accounts").then().statusCode(401);
        Api.as(name, "another-password-22").get("/api/accounts").then().statusCode(200);
    }

    @Test
    void aRefusedPatchChangesNothingAtAll() {
        String name = newName();
        long id = create(name, Roles.VIEWER);
        String hash = stored(id).passwordHash;
        Api.admin().body("{\"role\":\"admin\", \"password\":\"short\"}").patch("/api/users/" + id).then().statusCode(400)
                .body("error.field", equalTo("password"));
        assertEquals(Roles.VIEWER, stored(id).role, "the role change before the refused password rolled back");
        assertEquals(hash, stored(id).passwordHash);
        Api.admin().body("{\"role\":\"owner\"}").patch("/api/users/" + id).then().statusCode(400).body("error.field", equalTo("role"));
        Api.admin().body("{\"enabled\":\"no\"}").patch("/api/users/" + id).then().statusCode(400).body("error.field", equalTo("enabled"));
        Api.admin().body("{\"username\":\"renamed\"}").patch("/api/users/" + id).then().statusCode(400).body("error.field", equalTo("username"));
        long adminId = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(Browser.ADMIN).orElseThrow().id);
        Api.admin().body("{\"enabled\":false}").patch("/api/users/" + adminId).then().statusCode(400)
                .body("error.fields", equalTo(null)).body("error.message", equalTo("enabled: You cannot disable yourself."));
        assertTrue(stored(adminId).enabled);
    }

    @Test
    void onlyAdminsManageUsers() {
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/users").then().statusCode(403).body("error.code", equalTo("forbidden"));
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).body("{\"username\":\"x1\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}")
                .post("/api/users").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/users").then().statusCode(401);
    }
}
