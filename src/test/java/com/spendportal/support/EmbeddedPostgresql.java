package com.spendportal.support;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL of the suite's PostgreSQL run (docs/architecture.md#tests-on-postgresql): when the tests run with
 * {@code quarkus.datasource.db-kind=postgresql} and no JDBC URL of their own, this starts one
 * PostgreSQL 17 for the whole run, before any test, from zonky's embedded binaries under
 * {@code target/postgresql}, and points the datasource at it. A JUnit launcher session listener
 * (registered in {@code META-INF/services}) because it must run before Quarkus reads its
 * configuration, once per JVM, whichever test comes first.
 *
 * <p>It starts the binaries itself rather than through zonky's {@code EmbeddedPostgres}: PostgreSQL
 * refuses to run as root, CI runs as root, and zonky runs them as the current user. As root they run
 * in a user namespace of their own ({@code unshare}) as user {@code nobody}: they are not root
 * there, and the files they write are still ours.
 */
public final class EmbeddedPostgresql implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresql.class);

    private static final Path HOME = Path.of("target", "postgresql").toAbsolutePath();
    private static final Path BINARIES = HOME.resolve("binaries");
    private static final Path DATA = HOME.resolve("data");
    private static final String NOBODY = "65534";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!"postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))
                || System.getProperty("quarkus.datasource.jdbc.url") != null) {
            return;
        }
        try {
            int port = start();
            System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres");
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL; its output is in " + HOME, e);
        }
    }

    private static int start() throws IOException {
        long began = System.nanoTime();
        if (!Files.exists(BINARIES.resolve(".complete"))) {
            extract();
        }
        if (Files.exists(DATA.resolve("postmaster.pid"))) {
            run(false, "pg_ctl", "-D", DATA.toString(), "-m", "immediate", "-w", "stop"); // left by a killed run
        }
        deleteRecursively(DATA);
        run(true, "initdb", "-D", DATA.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF-8", "--locale=C.UTF-8",
                "--no-sync");
        int port = freePort();
        // TCP on localhost only (no socket file to clash with another run); durability is not under test here
        run(true, "pg_ctl", "-D", DATA.toString(), "-l", HOME.resolve("postgresql.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -h localhost -k '' -F -c synchronous_commit=off -c full_page_writes=off", "start");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(true, "pg_ctl", "-D", DATA.toString(), "-m", "fast", "-w", "-t", "30", "stop");
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot stop the embedded PostgreSQL", e);
            }
        }, "embedded-postgresql-stop"));
        LOG.infof("Embedded PostgreSQL on port %d (in %s), started in %d ms", port, HOME,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return port;
    }

    /** Unpacks zonky's PostgreSQL into target/postgresql/binaries, keeping each file's mode and link. */
    private static void extract() throws IOException {
        deleteRecursively(BINARIES);
        String arch = System.getProperty("os.arch");
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux",
                "amd64".equals(arch) ? "x86_64" : arch);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = BINARIES.resolve(entry.getName()).normalize();
                if (!target.startsWith(BINARIES)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(target, BINARIES.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
        Files.createFile(BINARIES.resolve(".complete"));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /** Runs one of the binaries, as nobody in a user namespace of its own when we are root; fails on a non-zero exit. */
    private static void run(boolean mustSucceed, String binary, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (new UnixSystem().getUid() == 0) {
            command.addAll(List.of("unshare", "--map-user=" + NOBODY, "--map-group=" + NOBODY));
        }
        command.add(BINARIES.resolve("bin").resolve(binary).toString());
        command.addAll(List.of(arguments));
        Files.createDirectories(HOME);
        Path output = HOME.resolve(binary + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(binary + " did not finish: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(binary + " was interrupted", e);
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IllegalStateException(binary + " failed with exit code " + process.exitValue() + ": " + command + "\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
