package com.spendportal.alerts;

import java.time.Instant;

/**
 * The body of every delivery, the webhook's JSON of DESIGN §11; the e-mail is written from it too.
 * {@code alert} is null for a test event. {@code text} is a one-line summary for chat relays (Slack
 * requires it and reads {@code <}, {@code >} and {@code &} as markup, so they are escaped there).
 */
record AlertEvent(String id, String type, AlertJson alert, Instant sentAt, String text) {
}
