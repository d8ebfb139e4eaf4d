package com.spendportal.costcentres;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Users;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cost-centre routes of DESIGN §19: create, read, PATCH, DELETE, the 409 naming the holder, and who may do what. */
@QuarkusTest
class CostCentreApiTest {

    private static RequestSpecification viewer() {
        Users.ensureViewer();
        return Api.as(Users.VIEWER, Users.VIEWER_PASSWORD);
    }

    @Test
    void createdReadListedPatchedFieldByFieldAndDeleted() {
        long acme = Api.createAccount(Api.uniqueName("Centre acme"), null);
        String name = Api.uniqueName("Marketing");
        JsonPath created = Api.admin().body("{\"name\":\"  " + name + " \",\"ownerEmail\":\"lead@example.com\","
                + "\"monthlyBudgetUsd\":\"1200.50\",\"members\":[{\"accountId\":" + acme + ",\"folderId\":\"f-2\"},"
                + "{\"accountId\":" + acme + "},{\"accountId\":" + acme + ",\"folderId\":\"\"}]}")
                .post("/api/cost-centres").then().statusCode(201)
                .header("Location", containsString("/api/cost-centres/"))
                .body("name", equalTo(name)).body("ownerEmail", equalTo("lead@example.com"))
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        long id = created.getLong("id");
        // the whole account first, then its folders by id (the blank one first as text sorts it)
        assertEquals(List.of(acme + "/", acme + "/", acme + "/f-2"), created.getList("members").stream()
                .map(m -> ((Map<?, ?>) m).get("accountId") + "/" + (((Map<?, ?>) m).containsKey("folderId")
                        ? ((Map<?, ?>) m).get("folderId") : "")).toList());
        assertEquals(List.of(false, true, true), created.getList("members").stream()
                .map(m -> ((Map<?, ?>) m).containsKey("folderId")).toList(), "a whole account has no folderId");
        assertEquals("1200.50", created.getString("monthlyBudgetUsd"));

        viewer().get("/api/cost-centres/" + id).then().statusCode(200).body("name", equalTo(name));
        viewer().get("/api/cost-centres").then().statusCode(200).body("name", hasItem(name));

        // Only the budget: the name, owner and members stay.
        Api.admin().body("{\"monthlyBudgetUsd\":900}").patch("/api/cost-centres/" + id).then().statusCode(200)
                .body("monthlyBudgetUsd", equalTo(900.00f)).body("name", equalTo(name)).body("ownerEmail", equalTo("lead@example.com"))
                .body("members.size()", equalTo(3));
        // null clears the owner and the budget; members, when sent, replace them all
        Api.admin().body("{\"ownerEmail\":null,\"monthlyBudgetUsd\":null,\"members\":[{\"accountId\":" + acme
                + ",\"folderId\":\"f-9\"}]}").patch("/api/cost-centres/" + id).then().statusCode(200)
                .body("ownerEmail", nullValue()).body("monthlyBudgetUsd", nullValue())
                .body("members", equalTo(List.of(Map.of("accountId", (int) acme, "folderId", "f-9"))));
        String renamed = Api.uniqueName("Growth");
        Api.admin().body("{\"name\":\"" + renamed + "\",\"members\":[]}").patch("/api/cost-centres/" + id).then()
                .statusCode(200).body("name", equalTo(renamed)).body("members.size()", equalTo(0));

        Api.admin().queryParam("target", "costcentre:" + id).get("/api/audit").then().statusCode(200)
                .body("action", hasItems("costcentre.create", "costcentre.update"));
        Api.admin().delete("/api/cost-centres/" + id).then().statusCode(204);
        Api.admin().get("/api/cost-centres/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        Api.admin().delete("/api/cost-centres/" + id).then().statusCode(404);
        Api.admin().body("{\"name\":\"x\"}").patch("/api/cost-centres/" + id).then().statusCode(404);
        Api.admin().queryParam("target", "costcentre:" + id).get("/api/audit").then().statusCode(200)
                .body("action", hasItem("costcentre.delete"));
    }

    @Test
    void aMemberHeldByAnotherCentreIs409NamingItOnCreateAndPatch() {
        String acmeName = Api.uniqueName("Held acme");
        long acme = Api.createAccount(acmeName, null);
        long other = Api.createAccount(Api.uniqueName("Held other"), null);
        String holder = Api.uniqueName("Holder");
        ShowbackSetup.centre("{\"name\":\"" + holder + "\",\"members\":[{\"accountId\":" + acme + "},"
                + "{\"accountId\":" + other + ",\"folderId\":\"f-1\"}]}");

        Api.admin().body("{\"name\":\"" + Api.uniqueName("Taker") + "\",\"members\":[{\"accountId\":" + acme + "}]}")
                .post("/api/cost-centres").then().statusCode(409).body("error.code", equalTo("member_taken"))
                .body("error.message", equalTo("Account \u201c" + acmeName + "\u201d is already in cost centre \u201c" + holder
                        + "\u201d."));
        // a folder of an account held whole is its own member: allowed (the folder's centre wins its share)
        long taker = ShowbackSetup.centre("{\"name\":\"" + Api.uniqueName("Taker") + "\",\"members\":[{\"accountId\":" + acme
                + ",\"folderId\":\"f-1\"}]}");
        Api.admin().body("{\"members\":[{\"accountId\":" + other + ",\"folderId\":\"f-1\"}]}").patch("/api/cost-centres/" + taker)
                .then().statusCode(409).body("error.message", containsString("Folder \u201cf-1\u201d of account"))
                .body("error.message", containsString("is already in cost centre \u201c" + holder + "\u201d."));
        // nothing changed: the taker still holds only acme's f-1
        Api.admin().get("/api/cost-centres/" + taker).then().statusCode(200)
                .body("members", equalTo(List.of(Map.of("accountId", (int) acme, "folderId", "f-1"))));
    }

    /**
     * Two requests for the same member at once: the other one's row is written but not committed when this one checks,
     * so only the unique constraint sees it. The loser is the same 409, naming the winner.
     */
    @Test
    void aMemberTakenByARacingRequestIsThe409NamingTheWinner() throws Exception {
        String accountName = Api.uniqueName("Raced");
        long account = Api.createAccount(accountName, null);
        String winner = Api.uniqueName("Winner");
        long winnerId = ShowbackSetup.centre("{\"name\":\"" + winner + "\"}");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> racer = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("INSERT INTO cost_centre_member (cost_centre_id, account_id, folder_key)"
                    + " VALUES (?1, ?2, '*')").setParameter(1, winnerId).setParameter(2, account).executeUpdate();
            written.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(written.await(10, TimeUnit.SECONDS));
        CompletableFuture<io.restassured.response.Response> loser = CompletableFuture.supplyAsync(() -> Api.admin()
                .body("{\"name\":\"" + Api.uniqueName("Loser") + "\",\"members\":[{\"accountId\":" + account + "}]}")
                .post("/api/cost-centres"));
        Thread.sleep(300); // the loser checks (and finds nothing committed) and waits on the index
        release.countDown();
        racer.get(20, TimeUnit.SECONDS);
        io.restassured.response.Response answer = loser.get(30, TimeUnit.SECONDS);
        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("Account \u201c" + accountName + "\u201d is already in cost centre \u201c" + winner + "\u201d.",
                answer.jsonPath().getString("error.message"));
    }

    @ParameterizedTest(name = "{0} is 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"\"}|name",
        "{\"name\":7}|name",
        "{\"ownerEmail\":\"lead@example.com\"}|name",
        "{\"name\":\"Ok NAME\",\"ownerEmail\":\"not an address\"}|ownerEmail",
        "{\"name\":\"Ok NAME\",\"monthlyBudgetUsd\":\"-5\"}|monthlyBudgetUsd",
        "{\"name\":\"Ok NAME\",\"monthlyBudgetUsd\":0}|monthlyBudgetUsd",
        "{\"name\":\"Ok NAME\",\"monthlyBudgetUsd\":\"1e3\"}|monthlyBudgetUsd",
        "{\"name\":\"Ok NAME\",\"monthlyBudgetUsd\":true}|monthlyBudgetUsd",
        "{\"name\":\"Ok NAME\",\"members\":{}}|members",
        "{\"name\":\"Ok NAME\",\"members\":[{\"accountId\":\"x\"}]}|members",
        "{\"name\":\"Ok NAME\",\"members\":[{\"accountId\":999999999}]}|members",
        "{\"name\":\"Ok NAME\",\"members\":[{\"accountId\":1,\"folder\":\"a\"}]}|members",
        "{\"name\":\"Ok NAME\",\"budget\":5}|budget"})
    void badInputIs400NamingTheField(String body, String field) {
        String unique = Api.uniqueName("Bad");
        Api.admin().body(body.replace("Ok NAME", unique)).post("/api/cost-centres").then().statusCode(400)
                .body("error.field", equalTo(field));
        Api.admin().get("/api/cost-centres").then().statusCode(200).body("name", org.hamcrest.Matchers.not(hasItem(unique)));
    }

    @Test
    void namesAreUniqueWhateverTheirCaseAndAPatchIsCheckedLikeACreate() {
        String name = Api.uniqueName("Unique");
        long id = ShowbackSetup.centre("{\"name\":\"" + name + "\"}");
        Api.admin().body("{\"name\":\"" + name.toUpperCase() + "\"}").post("/api/cost-centres").then().statusCode(400)
                .body("error.field", equalTo("name"));
        long second = ShowbackSetup.centre("{\"name\":\"" + Api.uniqueName("Second") + "\"}");
        Api.admin().body("{\"name\":\"" + name + "\"}").patch("/api/cost-centres/" + second).then().statusCode(400)
                .body("error.field", equalTo("name"));
        Api.admin().body("{\"name\":\"" + name.toLowerCase() + "\"}").patch("/api/cost-centres/" + id).then().statusCode(200);
        Api.admin().body("{}").patch("/api/cost-centres/" + id).then().statusCode(400);
        Api.admin().body("{\"colour\":\"red\"}").patch("/api/cost-centres/" + id).then().statusCode(400)
                .body("error.field", equalTo("colour"));
    }

    @Test
    void viewersAndReadTokensReadAndAdminsChange() {
        long id = ShowbackSetup.centre("{\"name\":\"" + Api.uniqueName("Roles") + "\"}");
        viewer().get("/api/cost-centres").then().statusCode(200);
        viewer().get("/api/cost-centres/" + id).then().statusCode(200);
        viewer().get("/api/showback").then().statusCode(200);
        viewer().body("{\"name\":\"" + Api.uniqueName("Viewer") + "\"}").post("/api/cost-centres").then().statusCode(403);
        viewer().body("{\"monthlyBudgetUsd\":5}").patch("/api/cost-centres/" + id).then().statusCode(403);
        viewer().delete("/api/cost-centres/" + id).then().statusCode(403);
        Api.as("nobody", "wrong").get("/api/cost-centres").then().statusCode(401);
        Api.admin().get("/api/cost-centres/" + id).then().statusCode(200);

        // an admin's tokens: a read token only reads, a write token changes
        String read = Api.admin().body("{\"name\":\"centres read\",\"scope\":\"read\"}").post("/api/tokens").then()
                .statusCode(201).extract().jsonPath().getString("token");
        String write = Api.admin().body("{\"name\":\"centres write\",\"scope\":\"write\"}").post("/api/tokens").then()
                .statusCode(201).extract().jsonPath().getString("token");
        bearer(read).get("/api/cost-centres/" + id).then().statusCode(200);
        bearer(read).get("/api/showback").then().statusCode(200);
        bearer(read).body("{\"monthlyBudgetUsd\":5}").patch("/api/cost-centres/" + id).then().statusCode(403);
        bearer(write).body("{\"monthlyBudgetUsd\":5}").patch("/api/cost-centres/" + id).then().statusCode(200);
        bearer(write).delete("/api/cost-centres/" + id).then().statusCode(204);
    }

    private static RequestSpecification bearer(String token) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .contentType(io.restassured.http.ContentType.JSON);
    }
}
