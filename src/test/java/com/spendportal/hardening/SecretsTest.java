package com.spendportal.hardening;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.spendportal.accounts.Account;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.support.Api;
import com.spendportal.support.Browser;
import com.spendportal.support.HeyGenWireMock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** API keys at rest (DESIGN §9): AES-GCM with a random IV, and tampering is visible, never silent. */
@QuarkusTest
@Tag("h2-only") // the key cipher; accounts and refreshes run on both in WalletRefreshTest
class SecretsTest {

    @Inject
    ApiKeyCipher cipher;

    @Inject
    CircuitBreakerMaintenance breakers;

    @HeyGenWireMock.Server
    WireMockServer heygen;

    @BeforeEach
    void reset() {
        breakers.resetAll();
    }

    @Test
    void theSameKeyEncryptedTwiceDiffersAndDecryptsBack() {
        String key = "sk_fake_same_key_twice_0001";
        String first = cipher.encrypt(key);
        String second = cipher.encrypt(key);
        assertNotEquals(first, second, "a random IV per value");
        assertFalse(first.contains(key));
        assertEquals(key, cipher.decrypt(first));
        assertEquals(key, cipher.decrypt(second));
    }

    @Test
    void aTamperedCiphertextIsRefusedByTheCipher() {
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt("sk_fake_tamper_me_0002"));
        sealed[sealed.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(sealed);
        assertThrows(ApiKeyCipher.UnreadableKeyException.class, () -> cipher.decrypt(tampered));
    }

    @Test
    void aTamperedStoredKeyShowsAsUnreadableAndIsNeverSentAnywhere() {
        String key = "sk_fake_tampered_" + System.nanoTime();
        HeyGenWireMock.stub(heygen, key, 200, "users-me-wallet-usd.json");
        long id = Api.createAccount(Api.uniqueName("Tampered"), key);
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = Account.findById(id);
            byte[] sealed = Base64.getDecoder().decode(account.apiKeyCiphertext);
            sealed[20] ^= 0x5a;
            account.apiKeyCiphertext = Base64.getEncoder().encodeToString(sealed);
        });
        Api.admin().post("/api/accounts/" + id + "/wallet/refresh").then().statusCode(409)
                .body("error.code", equalTo("key_unreadable"));
        assertEquals(0, HeyGenWireMock.calls(heygen, key), "no fallback: nothing was sent upstream");
        String page = Browser.admin().get("/accounts/" + id).asString().toLowerCase();
        assertTrue(page.contains("unreadable"), "the page says the key is unreadable");
        Api.admin().get("/api/accounts/" + id).then().body("latestSnapshot", org.hamcrest.Matchers.nullValue());
    }
}
