package com.spendportal.accounts;

import com.spendportal.web.Text;
import java.util.LinkedHashMap;
import java.util.Map;

/** Name and optional API key as typed in the form or sent to the API. */
public record AccountInput(String name, String apiKey) {

    static final int API_KEY_MAX = 500;

    /** Per-field messages; empty when valid. {@code selfId} is the account being renamed, if any. */
    public Map<String, String> validate(Long selfId) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmed = name == null ? "" : name.strip();
        if (!Text.oneLine(name)) {
            errors.put("name", Text.CONTROL_MESSAGE);
        } else if (trimmed.isEmpty()) {
            errors.put("name", "Enter a name.");
        } else if (trimmed.length() > Account.NAME_MAX) {
            errors.put("name", "At most " + Account.NAME_MAX + " characters (this one has " + trimmed.length() + ").");
        } else if (Account.findByName(trimmed).filter(a -> !a.id.equals(selfId)).isPresent()) {
            errors.put("name", "Another account is already called \u201c" + trimmed + "\u201d.");
        }
        if (apiKey != null && !apiKey.isBlank()) {
            String key = apiKey.strip();
            if (key.length() > API_KEY_MAX || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                errors.put("apiKey", "An API key is one line of printable characters without spaces.");
            }
        }
        return errors;
    }

    public String trimmedName() {
        return name.strip();
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
