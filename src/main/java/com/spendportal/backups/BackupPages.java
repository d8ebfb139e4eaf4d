package com.spendportal.backups;

import com.spendportal.audit.Audit;
import com.spendportal.web.Flash;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Online backups of the embedded H2 database: {@code BACKUP TO} a zip in {@code <data-dir>/backups}
 * while the portal keeps running. The zip holds {@code portal.mv.db}; restoring is stopping the
 * portal, unzipping it into the data directory and starting again (docs/operations.md#backups).
 */
@jakarta.ws.rs.Path("/backups")
@RolesAllowed(Roles.ADMIN)
class BackupPages {

    private static final Logger LOG = Logger.getLogger(BackupPages.class);

    /** The only names the portal writes, so the only names it serves: no path can be smuggled in. */
    static final Pattern NAME = Pattern.compile("portal-[0-9]{8}T[0-9]{6}Z(-[0-9]{1,3})?\\.zip");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    Audit audit;

    @Inject
    DataSource dataSource;

    @Inject
    PortalConfig config;

    record Backup(String name, long bytes, Instant takenAt) {
        public String size() {
            return bytes < 1024 * 1024 ? Math.max(1, Math.round(bytes / 1024.0)) + " KB"
                    : String.format(Locale.US, "%.1f MB", bytes / (1024.0 * 1024));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance backups(List<Backup> backups, String directory, String unsupported);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() throws IOException, SQLException {
        return Templates.backups(existing(), directory().toString(), unsupported());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response backUpNow() throws IOException, SQLException {
        String unsupported = unsupported();
        if (unsupported != null) {
            return Flash.redirect("/backups", unsupported);
        }
        Path file = backUp();
        QuarkusTransaction.requiringNew().run(() -> audit.record("backup.create", "backup:" + file.getFileName(),
                Audit.detail().put("file", file.getFileName().toString())));
        return Flash.redirect("/backups", "Backup " + file.getFileName() + " taken.");
    }

    @GET
    @jakarta.ws.rs.Path("{name}")
    @Produces("application/zip")
    public Response download(@RestPath String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NotFoundException();
        }
        Path file = directory().resolve(name);
        if (!directory().equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException();
        }
        return Response.ok(file.toFile(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    private Path directory() {
        return Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("backups");
    }

    /** Why this database cannot be backed up from here, or null when it can (an H2 file database). */
    private String unsupported() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            String url = meta.getURL();
            if ("PostgreSQL".equalsIgnoreCase(product)) {
                return "The portal runs on PostgreSQL: back it up with pg_dump (for example pg_dump -Fc -f spend.dump spend)"
                        + " and restore with pg_restore.";
            }
            if (!"H2".equalsIgnoreCase(product)) {
                return "Backups from this page need the embedded H2 database; use the database's own backup tool.";
            }
            if (url.startsWith("jdbc:h2:mem:")) {
                return "This portal runs on an in-memory database: there is nothing here to back up.";
            }
            if (url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
                return "This portal uses a separate H2 server: back the database up on that server.";
            }
            return null;
        }
    }

    /** One backup at a time; a second one in the same second gets a suffix rather than overwriting. */
    private synchronized Path backUp() throws IOException, SQLException {
        Path directory = Files.createDirectories(directory());
        String stamp = STAMP.format(Instant.now());
        Path file = directory.resolve("portal-" + stamp + ".zip");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve("portal-" + stamp + "-" + n + ".zip");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // BACKUP TO takes no parameter; the path is ours (data dir + generated name), quotes doubled anyway
            statement.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the data directory's own permissions protect the file
        }
        LOG.infof("Backup written to %s (%d bytes)", file, Files.size(file));
        return file;
    }

    private List<Backup> existing() throws IOException {
        Path directory = directory();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                    .map(BackupPages::describe)
                    .sorted(Comparator.comparing(Backup::takenAt).thenComparing(Backup::name).reversed())
                    .toList();
        }
    }

    private static Backup describe(Path file) {
        try {
            return new Backup(file.getFileName().toString(), Files.size(file), Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return new Backup(file.getFileName().toString(), 0, Instant.EPOCH);
        }
    }
}
