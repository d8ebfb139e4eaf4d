package com.spendportal.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContractPagesTest {

    static Map<String, String> usageBased(String version) {
        Map<String, String> form = new HashMap<>();
        form.put("model", "USAGE_BASED");
        form.put("startDate", "2026-01-01");
        form.put("termMonths", "12");
        form.put("mmcUsd", "$5,000.00");
        form.put("contractRatePerSecond", "0.0075");
        form.put("includedSecondsPerMonth", "600,000");
        form.put("includedUsdPerMonth", "");
        form.put("overageRatePerSecond", "0.00833");
        form.put("packageUsd", "");
        form.put("version", version);
        return form;
    }

    @Test
    void tierPresetFillsTheFieldsWithoutSaving() {
        Browser admin = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Preset"), null);
        Map<String, String> form = usageBased("");
        form.replaceAll((k, v) -> k.equals("version") || k.equals("startDate") || k.equals("termMonths") ? v : "");
        form.put("preset", "MMC_20000");
        Response response = admin.post("/accounts/" + id + "/contract", form);
        assertEquals(200, response.statusCode());
        Document page = Jsoup.parse(response.asString());
        assertEquals("20000.00", page.select("#f-mmcUsd").val());
        assertEquals("0.00667", page.select("#f-contractRatePerSecond").val());
        assertEquals("2400000", page.select("#f-includedSecondsPerMonth").val());
        assertEquals("0.00750", page.select("#f-overageRatePerSecond").val());
        assertEquals("2026-01-01", page.select("#f-startDate").val());
        assertTrue(page.select("input[name=model][value=USAGE_BASED]").hasAttr("checked"));
        Api.admin().get("/api/accounts/" + id).then().body("contract", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void savesTypedDollarsAndShowsTheTermsAndTheirHistory() {
        Browser admin = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Save"), null);
        assertEquals(303, admin.post("/accounts/" + id + "/contract", usageBased("")).statusCode());
        Document account = admin.page("/accounts/" + id);
        assertTrue(account.text().contains("$5,000.00"), account.text());
        assertTrue(account.text().contains("600,000 s"));
        assertEquals(1, account.select(".history tbody tr").size());
        String version = admin.page("/accounts/" + id + "/contract").select("input[name=version]").val();
        Map<String, String> change = usageBased(version);
        change.put("contractRatePerSecond", "0.004");
        assertEquals(303, admin.post("/accounts/" + id + "/contract", change).statusCode());
        account = admin.page("/accounts/" + id);
        assertEquals(2, account.select(".history tbody tr").size());
        assertTrue(account.select(".history tbody tr").first().text().contains("$0.0075/s"));
        assertTrue(account.select(".history tbody tr").first().text().contains("$0.004/s"));
        assertTrue(account.select(".alert-warn").text().contains("below HeyGen's stated minimum"));
    }

    @Test
    void invalidFormKeepsTypedValuesAndExplainsEachField() {
        Browser admin = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Invalid"), null);
        Map<String, String> form = usageBased("");
        form.put("startDate", "2026-02-30");
        form.put("termMonths", "61");
        form.put("mmcUsd", "12.345");
        form.put("overageRatePerSecond", "-1");
        Response response = admin.post("/accounts/" + id + "/contract", form);
        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.asString());
        assertEquals("2026-02-30", page.select("#f-startDate").val());
        assertEquals("12.345", page.select("#f-mmcUsd").val());
        assertTrue(page.select("#e-startDate").text().contains("real date"));
        assertTrue(page.select("#e-termMonths").text().contains("60"));
        assertTrue(page.select("#e-mmcUsd").text().contains("2 decimals"));
        assertTrue(page.select("#e-overageRatePerSecond").text().contains("negative"));
        Api.admin().get("/api/accounts/" + id).then().body("contract", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void secondAdminSavingStaleTermsIsRefusedAndNothingIsOverwritten() {
        Browser first = Browser.admin();
        Browser second = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Conflict"), null);
        assertEquals(303, first.post("/accounts/" + id + "/contract", usageBased("")).statusCode());
        String loadedByFirst = first.page("/accounts/" + id + "/contract").select("input[name=version]").val();
        String loadedBySecond = second.page("/accounts/" + id + "/contract").select("input[name=version]").val();

        Map<String, String> firstChange = usageBased(loadedByFirst);
        firstChange.put("mmcUsd", "6000");
        assertEquals(303, first.post("/accounts/" + id + "/contract", firstChange).statusCode());

        Map<String, String> secondChange = usageBased(loadedBySecond);
        secondChange.put("mmcUsd", "7000");
        Response refused = second.post("/accounts/" + id + "/contract", secondChange);
        assertEquals(409, refused.statusCode());
        Document page = Jsoup.parse(refused.asString());
        assertTrue(page.select(".alert-bad").text().contains("saved these terms while you were editing"));
        assertEquals("7000", page.select("#f-mmcUsd").val());
        Api.admin().get("/api/accounts/" + id).then()
                .body("contract.mmcUsd", org.hamcrest.Matchers.equalTo(6000.00f));
        assertEquals(2, Api.admin().get("/api/accounts/" + id).then().extract().jsonPath().getInt("contract.version") + 1);
    }
}
