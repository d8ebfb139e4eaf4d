package com.spendportal.wallet;

import java.time.Instant;

/**
 * What one "refresh now" did, said plainly for people ({@link #message}) and as a code for the API.
 *
 * @param snapshot the snapshot stored by this refresh (UPDATED only)
 * @param retryAt  when HeyGen may be asked again (RATE_LIMITED only)
 */
public record RefreshResult(Status status, String code, String message, Instant retryAt, WalletSnapshot snapshot) {

    public enum Status {
        /** HeyGen answered and a snapshot was stored. */
        UPDATED,
        /** HeyGen (or the stored key) failed; the failure is recorded on the account, nothing stored. */
        FAILED,
        /** HeyGen asked us to wait (now or earlier); it was not asked this time unless it just said so. */
        RATE_LIMITED,
        /** Another refresh of this account is running (on this or another instance). */
        BUSY,
        NO_API_KEY,
        NOT_FOUND
    }

    public boolean ok() {
        return status == Status.UPDATED;
    }
}
