package com.spendportal.contracts;

import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.spendportal.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContractApiTest {

    static final String UB = "{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000.00\","
            + "\"contractRatePerSecond\":\"0.00750\",\"includedSecondsPerMonth\":600000,\"overageRatePerSecond\":\"0.00833\"}";

    @Test
    void storesRatesWithTheirSixDecimalsAndSecondsWithThree() {
        long id = Api.createAccount(Api.uniqueName("Rates"), null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-02-15\",\"termMonths\":12,\"mmcUsd\":\"1234.56\","
                + "\"contractRatePerSecond\":0.004321,\"includedSecondsPerMonth\":120000.125,\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        Api.admin().config(io.restassured.RestAssured.config().jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .get("/api/accounts/" + id).then().statusCode(200)
                .body("contract.contractRatePerSecond", comparesEqualTo(new BigDecimal("0.004321")))
                .body("contract.overageRatePerSecond", comparesEqualTo(new BigDecimal("0.00833")))
                .body("contract.includedSecondsPerMonth", comparesEqualTo(new BigDecimal("120000.125")))
                .body("contract.mmcUsd", comparesEqualTo(new BigDecimal("1234.56")))
                .body("contract.endDate", equalTo("2027-02-14"))
                .body("contract.warnings", hasSize(1));
    }

    @Test
    void replacesTermsAndKeepsWarningsForUnusualRates() {
        long id = Api.createAccount(Api.uniqueName("Warn"), null);
        Api.admin().body(UB).put("/api/accounts/" + id + "/contract").then().statusCode(200)
                .body("contract.model", equalTo("USAGE_BASED")).body("contract.warnings", hasSize(0));
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.004\",\"includedUsdPerMonth\":\"5000\",\"overageRatePerSecond\":\"0.003\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200)
                .body("contract.warnings", hasSize(2)).body("contract.includedSecondsPerMonth", nullValue());
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"2026-03-01\",\"termMonths\":12,\"packageUsd\":\"120000.00\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200)
                .body("contract.model", equalTo("DOLLAR_PACKAGE")).body("contract.contractRatePerSecond", nullValue())
                .body("contract.mmcUsd", nullValue());
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource(delimiter = '|', value = {
        "termMonths|0", "termMonths|61", "termMonths|\"twelve\"", "startDate|\"2026-02-30\"", "startDate|\"01/02/2026\"",
        "startDate|null", "mmcUsd|\"-5\"", "mmcUsd|\"0\"", "mmcUsd|\"12.345\"", "mmcUsd|\"1e3\"", "mmcUsd|\"abc\"",
        "contractRatePerSecond|\"0.0000001\"", "contractRatePerSecond|null", "overageRatePerSecond|null",
        "includedSecondsPerMonth|null", "model|\"MONTHLY\""})
    void refusesBadTermsWith400AndStoresNothing(String field, String value) {
        long id = Api.createAccount(Api.uniqueName("Bad " + field), null);
        String body = UB.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9.]+)", "\"" + field + "\":" + value);
        Api.admin().body(body).put("/api/accounts/" + id + "/contract").then().statusCode(400)
                .body("error.code", equalTo("invalid")).body("error.field", equalTo(field));
        Api.admin().get("/api/accounts/" + id).then().body("contract", nullValue());
    }

    @Test
    void bothIncludedPoolsAtOnceIsRefused() {
        long id = Api.createAccount(Api.uniqueName("Both"), null);
        Api.admin().body(UB.replace("\"includedSecondsPerMonth\":600000", "\"includedSecondsPerMonth\":600000,\"includedUsdPerMonth\":\"10\""))
                .put("/api/accounts/" + id + "/contract").then().statusCode(400)
                .body("error.field", equalTo("includedSecondsPerMonth"));
    }
}
