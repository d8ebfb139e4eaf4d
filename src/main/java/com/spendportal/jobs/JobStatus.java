package com.spendportal.jobs;

import java.util.Locale;

/** A job's status as HeyGen lists it (DESIGN §18); stored in lower case, as listed. */
public final class JobStatus {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private JobStatus() {
    }

    /** The status as stored, or null when HeyGen sent one the portal does not know. */
    public static String of(String listed) {
        if (listed == null) {
            return null;
        }
        String s = listed.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case PENDING, PROCESSING, COMPLETED, FAILED -> s;
            default -> null;
        };
    }

    /** Completed or failed: HeyGen will not change it any more. */
    public static boolean isFinal(String status) {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }
}
