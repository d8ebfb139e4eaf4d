package com.spendportal.tokens;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a new token needs, from the API or the page: a name, a scope and maybe an expiry. */
record TokenInput(String name, String scope, Instant expiresAt) {

    String cleanName() {
        return name == null ? "" : name.strip();
    }

    Map<String, String> validate(Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String clean = cleanName();
        if (clean.isEmpty() || clean.length() > 100) {
            errors.put("name", "1 to 100 characters, to tell your tokens apart.");
        }
        if (!ApiToken.READ.equals(scope) && !ApiToken.WRITE.equals(scope)) {
            errors.put("scope", "Choose read or write.");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.put("expiresAt", "Give a time in the future, or none for a token that does not expire.");
        }
        return errors;
    }
}
