package com.spendportal.accounts;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.spendportal.support.Api;
import com.spendportal.support.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PATCH and DELETE of accounts and the usage listing (DESIGN §12): what the pages do, through the API. */
@QuarkusTest
class AccountChangeApiTest {

    @BeforeEach
    void viewer() {
        Users.ensureViewer();
    }

    private static Account stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findById(id));
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndNullClears() {
        String name = Api.uniqueName("Patch");
        long id = Api.createAccount(name, "sk_first_key_1111");
        String cipherBefore = stored(id).apiKeyCiphertext;

        Api.admin().body("{\"lowBalanceThresholdUsd\": 2500.50}").patch("/api/accounts/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("apiKeyLast4", equalTo("1111"))
                .body("lowBalanceThresholdUsd", equalTo(2500.50f));
        assertEquals("2500.50", stored(id).lowBalanceThresholdUsd.toPlainString());
        assertEquals(cipherBefore, stored(id).apiKeyCiphertext);

        String renamed = Api.uniqueName("Renamed");
        Api.admin().body("{\"name\":\"  " + renamed + " \", \"apiKey\": \"sk_second_key_2222\"}").patch("/api/accounts/" + id)
                .then().statusCode(200).body("name", equalTo(renamed)).body("apiKeyLast4", equalTo("2222"))
                .body("lowBalanceThresholdUsd", equalTo(2500.50f));
        assertNotEquals(cipherBefore, stored(id).apiKeyCiphertext);

        Api.admin().body("{\"apiKey\": null, \"lowBalanceThresholdUsd\": null}").patch("/api/accounts/" + id)
                .then().statusCode(200).body("apiKeyLast4", nullValue()).body("lowBalanceThresholdUsd", nullValue())
                .body("name", equalTo(renamed));
        Account after = stored(id);
        assertNull(after.apiKeyCiphertext);
        assertNull(after.lowBalanceThresholdUsd);
    }

    @Test
    void aBadPatchIs400NamingEachFieldAndChangesNothing() {
        String name = Api.uniqueName("Keep");
        long id = Api.createAccount(name, "sk_keep_key_3333");
        String taken = Api.uniqueName("Taken");
        Api.createAccount(taken, null);

        Api.admin().body("{\"name\":\"" + taken + "\", \"lowBalanceThresholdUsd\": \"12.345\", \"demo\": true}")
                .patch("/api/accounts/" + id).then().statusCode(400)
                .body("error.code", equalTo("invalid"))
                .body("error.fields.name", equalTo("Another account is already called \u201c" + taken + "\u201d."))
                .body("error.fields.lowBalanceThresholdUsd", equalTo(
                        com.spendportal.web.Decimals.parse("12.345", 2, 12, true, false).error()))
                .body("error.fields.demo", equalTo("Cannot be changed here; send name, apiKey or lowBalanceThresholdUsd."));
        Api.admin().body("{\"apiKey\": \"two words\"}").patch("/api/accounts/" + id).then().statusCode(400)
                .body("error.field", equalTo("apiKey"));
        Api.admin().body("{\"name\": null}").patch("/api/accounts/" + id).then().statusCode(400)
                .body("error.field", equalTo("name"));
        Api.admin().body("{\"lowBalanceThresholdUsd\": -5}").patch("/api/accounts/" + id).then().statusCode(400)
                .body("error.field", equalTo("lowBalanceThresholdUsd"));
        Api.admin().body("{}").patch("/api/accounts/" + id).then().statusCode(400).body("error.code", equalTo("invalid"));
        Api.admin().body("[1]").patch("/api/accounts/" + id).then().statusCode(400);

        Account after = stored(id);
        assertEquals(name, after.name);
        assertEquals("3333", after.apiKeyLast4);
        assertNull(after.lowBalanceThresholdUsd);
    }

    @Test
    void deleteRemovesTheAccountAndIsAdminOnly() {
        long id = Api.createAccount(Api.uniqueName("Gone"), null);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).delete("/api/accounts/" + id).then().statusCode(403)
                .body("error.code", equalTo("forbidden"));
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).body("{\"name\":\"x\"}").patch("/api/accounts/" + id).then().statusCode(403);
        Api.admin().delete("/api/accounts/" + id).then().statusCode(204);
        Api.admin().get("/api/accounts/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        Api.admin().delete("/api/accounts/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        Api.admin().body("{\"name\":\"x\"}").patch("/api/accounts/" + id).then().statusCode(404);
    }

    @Test
    void usageListsTheStoredRowsForViewersToo() {
        long id = Api.createAccount(Api.uniqueName("Usage"), null);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/accounts/" + id + "/usage").then().statusCode(200).body("$", hasSize(0));
        Api.admin().contentType("text/csv").body("month,seconds,usd,product\n2026-02,100.5,,avatar\n2026-01,,12.30,\n2026-02,20,,avatar\n")
                .post("/api/accounts/" + id + "/usage").then().statusCode(200);
        Api.as(Users.VIEWER, Users.VIEWER_PASSWORD).get("/api/accounts/" + id + "/usage").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].month", equalTo("2026-01")).body("[0].product", equalTo("")).body("[0].kind", equalTo("USD"))
                .body("[0].usd", equalTo(12.30f)).body("[0].seconds", nullValue())
                .body("[1].month", equalTo("2026-02")).body("[1].product", equalTo("avatar"))
                .body("[1].seconds", equalTo(120.5f)).body("[1].kind", equalTo("SECONDS"));
        Api.admin().get("/api/accounts/999999/usage").then().statusCode(404).body("error.code", equalTo("not_found"));
    }
}
