package com.spendportal.web;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A real start of the portal refuses keys that anyone could know: the throwaway test keys published
 * in application.properties, or keys too short or too uniform to be random. Tests and dev mode keep
 * their fixed keys.
 */
@ApplicationScoped
public class ProductionSecrets {

    private static final Logger LOG = Logger.getLogger(ProductionSecrets.class);

    /** The %test keys of application.properties: public, so never a secret (ProductionSecretsTest keeps this in sync). */
    static final Set<String> KNOWN = Set.of(
            "dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMhISE=",
            "test-only-session-encryption-key-0123456789");

    static final int MIN_SESSION_CHARS = 32;

    public static final String SECRET_KEY = "portal.secret-key";
    public static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
    /** The keys this start took from the data directory (comma-separated), set by the entry point. */
    public static final String KEYS_FROM_DATA_DIR = "spendportal.keys-from-data-dir"; // not under portal.*, which is mapped

    void onStart(@Observes @Priority(1) StartupEvent event, PortalConfig config,
            @ConfigProperty(name = SESSION_KEY) Optional<String> sessionKey,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        refuseKnownKeys(LaunchMode.current() == LaunchMode.NORMAL, config.secretKey(), sessionKey.orElse(null));
        String fromDataDir = System.getProperty(KEYS_FROM_DATA_DIR, "");
        if (!"h2".equals(dbKind) && !fromDataDir.isEmpty()) {
            LOG.warnf("%s came from this instance's data directory (%s). Every instance on a shared database needs the"
                    + " same keys: set them on each (docs/operations.md), or API keys stored by one instance are"
                    + " unreadable on another and sessions do not carry over.", fromDataDir, config.dataDir());
        }
    }

    /** Throws, after logging why, when a production start has a known or weak key. */
    static void refuseKnownKeys(boolean production, String secretKey, String sessionKey) {
        List<String> problems = problems(secretKey, sessionKey);
        if (production && !problems.isEmpty()) {
            String message = "Refusing to start: " + String.join("; ", problems) + ". Remove the setting to have a random"
                    + " key generated into the data directory, or set one from `openssl rand -base64 32`.";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** What is wrong with these keys for production; empty when both will do. A blank session key lets Quarkus pick a random one. */
    static List<String> problems(String secretKey, String sessionKey) {
        List<String> problems = new ArrayList<>();
        String secret = secretKey == null ? "" : secretKey.trim();
        if (secret.isEmpty()) {
            problems.add(SECRET_KEY + " is not set");
        } else if (KNOWN.contains(secret)) {
            problems.add(SECRET_KEY + " is a published test value");
        } else {
            byte[] raw = decode(secret);
            if (raw == null) {
                problems.add(SECRET_KEY + " is not base64");
            } else if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                problems.add(SECRET_KEY + " decodes to " + raw.length + " bytes; an AES key has 16, 24 or 32");
            } else if (uniform(raw)) {
                problems.add(SECRET_KEY + " repeats one byte, so it is not random");
            }
        }
        String session = sessionKey == null ? "" : sessionKey.trim();
        if (KNOWN.contains(session)) {
            problems.add(SESSION_KEY + " is a published test value");
        } else if (!session.isEmpty() && session.length() < MIN_SESSION_CHARS) {
            problems.add(SESSION_KEY + " has " + session.length() + " characters, fewer than " + MIN_SESSION_CHARS);
        } else if (!session.isEmpty() && session.chars().distinct().count() == 1) {
            problems.add(SESSION_KEY + " repeats one character, so it is not random");
        }
        return problems;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean uniform(byte[] raw) {
        for (byte b : raw) {
            if (b != raw[0]) {
                return false;
            }
        }
        return true;
    }
}
