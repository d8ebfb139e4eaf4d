package com.spendportal.backups;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The portal on an H2 file database in a fresh directory under target/, as in production: the
 * %test in-memory database has no file to back up. The only test profile of the suite (each one
 * restarts Quarkus). The JDBC URL is production's (the {@code async:} file system, {@code WRITE_DELAY=0}).
 */
public class FileDatabase implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        String dir = Path.of("target", "backup-test-" + UUID.randomUUID()).toAbsolutePath().toString();
        return Map.of("portal.data-dir", dir,
                "quarkus.datasource.jdbc.url", CommittingChild.jdbcUrl(Path.of(dir)));
    }
}
