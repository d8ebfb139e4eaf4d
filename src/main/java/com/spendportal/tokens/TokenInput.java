package com.spendportal.tokens;

import com.spendportal.web.Text;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a new token needs, from the API or the page: a name, a scope and maybe an expiry. */
record TokenInput(String name, String scope, Instant expiresAt) {

    String cleanName() {
        return name == null ? "" : name.strip();
    }

    /** {@code mayWrite}: the owner is an admin; a viewer's token reads only, even once they are made admin. */
    Map<String, String> validate(Instant now, boolean mayWrite) {
        Map<String, String> errors = new LinkedHashMap<>();
        String clean = cleanName();
        if (!Text.oneLine(name)) {
            errors.put("name", Text.CONTROL_MESSAGE);
        } else if (clean.isEmpty() || clean.length() > 100) {
            errors.put("name", "1 to 100 characters, to tell your tokens apart.");
        }
        if (!ApiToken.READ.equals(scope) && !ApiToken.WRITE.equals(scope)) {
            errors.put("scope", "Choose read or write.");
        } else if (ApiToken.WRITE.equals(scope) && !mayWrite) {
            errors.put("scope", "Your role reads only, so your tokens are read tokens.");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.put("expiresAt", "Give a time in the future, or none for a token that does not expire.");
        }
        return errors;
    }
}
