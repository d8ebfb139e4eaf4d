package com.spendportal.web;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.FailedExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * The first {@link OutOfMemoryError} that reaches the portal's code ends the process, so that its supervisor starts a
 * fresh one instead of keeping a portal that answers 500 to everything (issue 27: after an out-of-memory H2 closed its
 * database, and every page, API call and login failed while the probes said UP). After such an error nothing can be
 * trusted: a cache may hold half an entry, a library thread may be gone, and H2 closes its database.
 *
 * <p>What it does: liveness DOWN, one log line, and {@link Runtime#halt}. Not {@code System.exit}: its shutdown
 * hooks need memory that is missing, and would wait for the very threads that are failing. On H2, with
 * {@code WRITE_DELAY=0}, a halt keeps every committed write, as {@code kill -9} does. What it needs is made at
 * start, and a small reserve of memory is given up first; the line goes straight to stderr if logging fails.
 *
 * <p>How an OutOfMemoryError reaches it (each a {@link #ifOutOfMemory} call, which looks through the causes): the
 * JAX-RS error mappers, failed {@code @Scheduled} runs ({@link FailedExecution}), the catch-alls of background
 * threads, and the default handler of uncaught exceptions, installed at start. None of them sees an error that a
 * library catches and keeps to itself, so production starts the JVM with {@code -XX:+ExitOnOutOfMemoryError}
 * (docs/operations.md), which ends it at any out-of-memory the JVM throws, wherever it is caught. This is the
 * fallback: for an OutOfMemoryError thrown by code rather than the JVM (direct buffer memory, for one) and for a start
 * without the flag.
 */
@Liveness
@ApplicationScoped
public class Fatal implements HealthCheck {

    static final String NAME = "Process";
    /** The exit status of {@code -XX:+ExitOnOutOfMemoryError} too. */
    static final int EXIT_STATUS = 3;

    static final String LINE = "OutOfMemoryError: the portal stops now so that it is started afresh (exit status "
            + EXIT_STATUS + "); start the JVM with -XX:+ExitOnOutOfMemoryError";

    private static final Logger LOG = Logger.getLogger(Fatal.class);
    private static final byte[] RAW_LINE = (LINE + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);

    static volatile boolean stopping;
    /**
     * Memory kept back for the last line and the halt, given up first. With the heap kept full and no reserve
     * ({@code FatalExitTest}'s child), the logger dropped the line without a word and the halt itself failed with
     * another OutOfMemoryError, in 6 runs of 6; with it, the line and the halt in 8 of 8.
     */
    private static byte[] reserve = new byte[1 << 20];
    /** Only tests (of this package) put a recorder here: everywhere else the process really stops. */
    static volatile IntConsumer halt = status -> Runtime.getRuntime().halt(status);

    private Thread.UncaughtExceptionHandler previous;

    /** Ends the process when {@code failure}, a cause or a suppressed exception of it is an OutOfMemoryError. */
    public static void ifOutOfMemory(Throwable failure) {
        boolean outOfMemory;
        try {
            outOfMemory = holdsOutOfMemory(failure, 0);
        } catch (OutOfMemoryError whileLooking) {
            outOfMemory = true;
        }
        if (outOfMemory) {
            stop();
        }
    }

    private static boolean holdsOutOfMemory(Throwable failure, int depth) {
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (holdsOutOfMemory(suppressed, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void stop() {
        synchronized (Fatal.class) { // not an AtomicBoolean: its first compareAndSet links a VarHandle, which allocates
            if (stopping) {
                return; // another thread is stopping the process
            }
            stopping = true;
            reserve = null;
        }
        try {
            try {
                LOG.fatal(LINE);
            } catch (Throwable loggingFailed) {
                STDERR.write(RAW_LINE);
            }
            System.out.flush();
            System.err.flush();
        } catch (Throwable ignored) {
            // nothing left to say it with; the exit status still says it
        }
        halt.accept(EXIT_STATUS);
    }

    @Override
    public HealthCheckResponse call() {
        return stopping ? HealthCheckResponse.named(NAME).down().withData("problem", "OutOfMemoryError: stopping").build()
                : HealthCheckResponse.up(NAME);
    }

    void failedJob(@Observes FailedExecution failed) {
        ifOutOfMemory(failed.getException());
    }

    void onStart(@Observes StartupEvent event) {
        previous = installUncaughtHandler();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    /**
     * Makes every thread's uncaught exception pass here first (an executor's worker that dies of one, a thread of a
     * library); other exceptions go on to the handler before, or are logged. Returns that handler.
     */
    static Thread.UncaughtExceptionHandler installUncaughtHandler() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            ifOutOfMemory(failure); // returns only in tests, or while another thread stops the process
            if (stopping) {
                return;
            }
            if (before != null) {
                before.uncaughtException(thread, failure);
            } else {
                LOG.errorf(failure, "Uncaught exception in thread %s", thread.getName());
            }
        });
        return before;
    }
}
