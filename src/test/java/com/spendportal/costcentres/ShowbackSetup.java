package com.spendportal.costcentres;

import com.spendportal.support.Api;
import com.spendportal.web.DataVersion;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Accounts, contracts, usage and per-day job seconds for the showback tests, through the API and {@code job_day}. */
final class ShowbackSetup {

    private ShowbackSetup() {
    }

    /** A usage-based account (5,000.00 a month for 600,000 s, overage $0.00833/s) from January 2026, 12 months. */
    static long usageBased(String name) {
        long id = Api.createAccount(Api.uniqueName(name), null);
        Api.admin().body("{\"model\":\"USAGE_BASED\",\"startDate\":\"2026-01-01\",\"termMonths\":12,\"mmcUsd\":\"5000\","
                + "\"contractRatePerSecond\":\"0.0075\",\"includedSecondsPerMonth\":\"600000\",\"overageRatePerSecond\":\"0.00833\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        return id;
    }

    /** A dollar package of $120,000 at $0.005/s from {@code start}, 12 months. */
    static long dollarPackage(String name, String start) {
        long id = Api.createAccount(Api.uniqueName(name), null);
        Api.admin().body("{\"model\":\"DOLLAR_PACKAGE\",\"startDate\":\"" + start + "\",\"termMonths\":12,"
                + "\"packageUsd\":\"120000.00\",\"contractRatePerSecond\":\"0.0050\"}")
                .put("/api/accounts/" + id + "/contract").then().statusCode(200);
        return id;
    }

    static void usage(long account, String json) {
        Api.admin().body(json).post("/api/accounts/" + account + "/usage").then().statusCode(200);
    }

    /** Completed job seconds of one day per folder (kind "video"), and the data version moved as a sync moves it. */
    static void jobSeconds(long account, LocalDate day, Map<String, String> secondsByFolder) {
        QuarkusTransaction.requiringNew().run(() -> {
            secondsByFolder.forEach((folder, seconds) -> Panache.getEntityManager().createNativeQuery("INSERT INTO job_day"
                    + " (account_id, job_day, folder_id, kind, jobs, seconds) VALUES (?1, ?2, ?3, 'video', 1, ?4)")
                    .setParameter(1, account).setParameter(2, day).setParameter(3, folder)
                    .setParameter(4, new BigDecimal(seconds)).executeUpdate());
            DataVersion.bump();
        });
    }

    static void folderName(long account, String folder, String name) {
        QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("INSERT INTO job_folder (account_id, folder_id, name) VALUES (?1, ?2, ?3)")
                    .setParameter(1, account).setParameter(2, folder).setParameter(3, name).executeUpdate();
            DataVersion.bump();
        });
    }

    /** Creates a centre through the API; returns its id. */
    static long centre(String json) {
        return Api.admin().body(json).post("/api/cost-centres").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
