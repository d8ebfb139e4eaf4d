package com.spendportal.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo upstream's job list over HTTP, in HeyGen's wire format (DESIGN §18, the fixtures in heygen/). */
@QuarkusTest
class DemoUpstreamTest {

    @Inject
    DemoData demo;

    @Inject
    ApiKeyCipher cipher;

    /** The Globex demo account's key: the demo is loaded once for the class. */
    static String key;

    @BeforeEach
    void load() {
        if (key == null) {
            demo.remove();
            demo.load();
            key = QuarkusTransaction.requiringNew().call(() -> Account.<Account>list("demo", true).stream()
                    .filter(a -> a.name.contains("Globex")).map(a -> cipher.decrypt(a.apiKeyCiphertext)).findFirst()
                    .orElseThrow());
        }
    }

    @AfterAll
    static void remove() {
        key = null;
        Arc.container().instance(DemoData.class).get().remove();
    }

    private RequestSpecification heygen() {
        return given().header("x-api-key", key);
    }

    private static JsonPath exact(io.restassured.response.Response response) {
        return response.jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void pagingWalksTheWholeListNewestFirstToTheEnd() {
        Set<String> ids = new HashSet<>();
        List<Long> created = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        int pages = 0;
        while (true) {
            RequestSpecification request = heygen().queryParam("limit", 100);
            if (token != null) {
                request.queryParam("token", token);
            }
            JsonPath page = exact(request.get("/demo-heygen/v3/videos").then().statusCode(200)
                    .contentType("application/json").extract().response());
            pages++;
            List<Map<String, Object>> data = page.getList("data");
            for (Map<String, Object> item : data) {
                assertTrue(ids.add((String) item.get("id")), "listed once: " + item.get("id"));
                created.add(((Number) item.get("created_at")).longValue());
            }
            if (!page.getBoolean("has_more")) {
                assertEquals(null, (Object) page.get("next_token"));
                break;
            }
            assertEquals(100, data.size());
            token = page.getString("next_token");
            tokens.add(token);
        }
        // from the first of last month to now, 48 a day
        assertTrue(ids.size() > 48 * 28 && pages == (ids.size() + 99) / 100, ids.size() + " jobs in " + pages + " pages");
        for (int i = 1; i < created.size(); i++) {
            assertTrue(created.get(i) < created.get(i - 1), "newest first");
        }
        assertEquals(tokens.size(), new HashSet<>(tokens).size());

        heygen().queryParams(Map.of("limit", 5, "token", tokens.get(0))).get("/demo-heygen/v3/videos").then()
                .statusCode(200).body("data", hasSize(5)).body("has_more", equalTo(true));
        heygen().queryParam("limit", 0).get("/demo-heygen/v3/videos").then().statusCode(400)
                .body("error.param", equalTo("limit"));
        heygen().queryParam("limit", 101).get("/demo-heygen/v3/videos").then().statusCode(400);
        heygen().queryParam("token", "bm9wZQ").get("/demo-heygen/v3/videos").then().statusCode(400)
                .body("error.code", equalTo("invalid_parameter")).body("error.param", equalTo("token"));
        heygen().get("/demo-heygen/v3/videos").then().statusCode(200).body("data", hasSize(DemoUpstream.DEFAULT_LIMIT));
    }

    @Test
    void aJobAndAFolderAreAnsweredByIdAsTheListHasThem() {
        JsonPath list = exact(heygen().queryParams(Map.of("limit", 100, "folder_id", "fld_demo_support"))
                .get("/demo-heygen/v3/videos").then().statusCode(200).extract().response());
        List<Map<String, Object>> support = list.getList("data");
        assertEquals(100, support.size());
        assertTrue(support.stream().allMatch(item -> "fld_demo_support".equals(item.get("folder_id"))));
        Map<String, Object> done = support.stream().filter(i -> "completed".equals(i.get("status"))).findFirst().orElseThrow();
        assertTrue(((BigDecimal) done.get("duration")).scale() <= 3);

        Map<String, Object> one = exact(heygen().get("/demo-heygen/v3/videos/" + done.get("id")).then().statusCode(200)
                .extract().response()).getMap("data");
        assertEquals(done, one);
        heygen().get("/demo-heygen/v3/videos/" + "0".repeat(32)).then().statusCode(404)
                .body("error.code", equalTo("not_found")).body("error.message", equalTo("Video not found"));

        heygen().get("/demo-heygen/v3/folders/fld_demo_support").then().statusCode(200)
                .body("data.folder_id", equalTo("fld_demo_support")).body("data.name", equalTo("Support"))
                .body("data.parent_id", nullValue());
        heygen().get("/demo-heygen/v3/folders/fld_nope").then().statusCode(404).body("error.code", equalTo("not_found"));

        String title = (String) support.get(0).get("title");
        heygen().queryParams(Map.of("limit", 100, "title", title.toUpperCase())).get("/demo-heygen/v3/videos").then()
                .statusCode(200).body("data[0].title", equalTo(title));
    }

    @Test
    void onlyADemoKeyIsAnswered() {
        for (String path : List.of("/demo-heygen/v3/videos", "/demo-heygen/v3/videos/" + "0".repeat(32),
                "/demo-heygen/v3/folders/fld_demo_support")) {
            given().get(path).then().statusCode(401).body("error.code", equalTo("unauthorized"));
            given().header("x-api-key", "demo_ub20k_000000000000000000000000").get(path).then().statusCode(401);
        }
        assertFalse(key.isBlank());
    }
}
