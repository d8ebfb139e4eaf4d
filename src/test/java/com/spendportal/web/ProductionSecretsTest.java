package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("h2-only") // no database: the start-up check of the keys
class ProductionSecretsTest {

    private static final String SECRET = ProductionSecrets.SECRET_KEY;
    private static final String SESSION = ProductionSecrets.SESSION_KEY;

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void theTestKeysOfApplicationPropertiesAreRefused() throws IOException {
        Properties properties = applicationProperties();
        String testSecret = properties.getProperty("%test." + SECRET);
        String testSession = properties.getProperty("%test." + SESSION);
        assertTrue(testSecret != null && testSession != null, "application.properties has fixed test keys");
        assertEquals(List.of(SECRET + " is a published test value", SESSION + " is a published test value"),
                ProductionSecrets.problems(testSecret, testSession));
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> ProductionSecrets.refuseKnownKeys(true, testSecret, random(32)));
        assertTrue(refusal.getMessage().startsWith("Refusing to start: " + SECRET + " is a published test value"),
                refusal.getMessage());
        assertDoesNotThrow(() -> ProductionSecrets.refuseKnownKeys(false, testSecret, testSession), "tests and dev keep them");
    }

    @Test
    void generatedKeysPass() {
        assertEquals(List.of(), ProductionSecrets.problems(random(32), random(32)));
        assertEquals(List.of(), ProductionSecrets.problems(random(16), null), "no session key: Quarkus picks a random one");
        assertDoesNotThrow(() -> ProductionSecrets.refuseKnownKeys(true, random(32), random(32)));
    }

    @Test
    void shortOrUniformKeysAreRefused() {
        String good = random(32);
        assertEquals(List.of(SECRET + " decodes to 8 bytes; an AES key has 16, 24 or 32"), ProductionSecrets.problems(random(8), good));
        // Found from outside: a 35-byte key started, then every call that stored an API key failed.
        assertEquals(List.of(SECRET + " decodes to 35 bytes; an AES key has 16, 24 or 32"), ProductionSecrets.problems(random(35), good));
        assertEquals(List.of(), ProductionSecrets.problems(random(24), good));
        assertEquals(List.of(SECRET + " is not base64"), ProductionSecrets.problems("changeme!", good));
        assertEquals(List.of(SECRET + " repeats one byte, so it is not random"),
                ProductionSecrets.problems(Base64.getEncoder().encodeToString(new byte[32]), good));
        assertEquals(List.of(SECRET + " is not set"), ProductionSecrets.problems(" ", good));
        assertEquals(List.of(SESSION + " has 31 characters, fewer than 32"), ProductionSecrets.problems(good, "x".repeat(30) + "y"));
        assertEquals(List.of(SESSION + " repeats one character, so it is not random"), ProductionSecrets.problems(good, "a".repeat(40)));
    }
}
