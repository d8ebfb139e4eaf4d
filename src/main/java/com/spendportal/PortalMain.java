package com.spendportal;

import static com.spendportal.web.ProductionSecrets.KEYS_FROM_DATA_DIR;
import static com.spendportal.web.ProductionSecrets.SECRET_KEY;
import static com.spendportal.web.ProductionSecrets.SESSION_KEY;

import com.spendportal.backups.ImportH2;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Starts the portal after making sure the two keys it keeps in the data directory exist: the key
 * that encrypts stored API keys ({@code portal.secret-key}) and the session encryption key. Keeping
 * them on disk means a restart neither logs everyone out nor makes stored API keys unreadable.
 * Either can be configured instead; a configured value always wins. With the arguments
 * {@code import-h2 <data directory>} it copies an H2 database into the configured PostgreSQL
 * database instead of starting ({@link ImportH2}).
 */
@QuarkusMain
public class PortalMain {

    public static void main(String... args) {
        SmallRyeConfig config = startupConfig();
        if (args.length > 0 && args[0].equals(ImportH2.COMMAND)) {
            System.exit(ImportH2.run(config, Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        Path dataDir = Path.of(config.getOptionalValue("portal.data-dir", String.class).orElse("./data"));
        List<String> fromDataDir = new ArrayList<>();
        if (provide(config, SECRET_KEY, dataDir.resolve("secret.key"))) {
            fromDataDir.add(SECRET_KEY);
        }
        if (provide(config, SESSION_KEY, dataDir.resolve("session.key"))) {
            fromDataDir.add(SESSION_KEY);
        }
        System.setProperty(KEYS_FROM_DATA_DIR, String.join(",", fromDataDir));
        Quarkus.run(args);
    }

    /**
     * The configuration as Quarkus will see it, read before Quarkus starts: system properties,
     * environment, {@code ./config/application.properties} and the packaged application.properties,
     * with the active profile applied.
     */
    static SmallRyeConfig startupConfig() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources()
                .withProfile(System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod")));
        try {
            URL packaged = Thread.currentThread().getContextClassLoader().getResource("application.properties");
            if (packaged != null) {
                builder.withSources(new PropertiesConfigSource(packaged, 250));
            }
            Path local = Path.of("config", "application.properties");
            if (Files.exists(local)) {
                builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read application.properties", e);
        }
        return builder.build();
    }

    /** Sets the key from its file in the data directory unless it is configured; true when it did. */
    private static boolean provide(SmallRyeConfig config, String property, Path file) {
        if (config.getOptionalValue(property, String.class).filter(v -> !v.isBlank()).isEmpty()) {
            System.setProperty(property, readOrCreate(file));
            return true;
        }
        return false;
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            try {
                Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own permissions protect the file
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }
}
