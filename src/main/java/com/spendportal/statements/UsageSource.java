package com.spendportal.statements;

/** Where a usage-based month's {@code usedSeconds} come from (DESIGN §18). */
public enum UsageSource {
    /** The month has usage records (imported, typed or posted): they count, as before the job list. */
    RECORDS,
    /** No usage records, at least one completed job in the month: its job seconds count. */
    JOBS,
    /** Neither: the month used nothing the portal knows of. */
    NONE
}
