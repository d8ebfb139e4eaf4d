package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("h2-only") // the flash cookie; the page's queries run on both in the page tests
class FlashTest {

    @Test
    void theMessageIsExpiredOnThePathItWasSetWithSoItShowsOnce() {
        Browser admin = Browser.admin();
        long id = Api.createAccount(Api.uniqueName("Flash"), null);
        Response posted = admin.post("/accounts/" + id + "/wallet/refresh", Map.of());
        assertTrue(posted.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("portal-flash=")
                && c.contains("Path=/")));
        Response shown = admin.get("/accounts/" + id);
        assertFalse(Jsoup.parse(shown.asString()).select(".flash").isEmpty());
        String expired = shown.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("portal-flash=")).findFirst().orElseThrow();
        assertTrue(expired.contains("Max-Age=0") && expired.contains("Path=/"), expired);
        assertEquals(0, Jsoup.parse(admin.get("/accounts/" + id).asString()).select(".flash").size());
    }
}
