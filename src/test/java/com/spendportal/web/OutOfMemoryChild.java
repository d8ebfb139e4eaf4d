package com.spendportal.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link FatalExitTest}: with {@link Fatal}'s handler of uncaught exceptions installed, a thread
 * fills the heap and keeps it full (as a leaking cache does), so the handler runs with no memory to spare.
 */
public final class OutOfMemoryChild {

    static final String STILL_RUNNING = "STILL RUNNING";
    private static final List<long[]> HOARD = new ArrayList<>();

    private OutOfMemoryChild() {
    }

    public static void main(String... args) throws InterruptedException {
        Fatal.installUncaughtHandler();
        Thread eater = new Thread(() -> {
            while (true) {
                HOARD.add(new long[8192]);
            }
        }, "leaking-cache");
        eater.start();
        eater.join();
        Thread.sleep(5_000);
        System.out.println(STILL_RUNNING + " with " + HOARD.size() + " blocks");
    }
}
