package com.spendportal.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PATCH body of the API: a JSON object of the fields to change, where a field it does not know is refused by name. */
public final class PatchBody {

    private PatchBody() {
    }

    /**
     * A message for each field of {@code body} that is not one of {@code changeable}, in a map the
     * caller adds its own messages to; a 400 at once when the body is not a non-empty object.
     */
    public static Map<String, String> check(JsonNode body, List<String> changeable) {
        String fields = changeable.size() == 1 ? changeable.get(0)
                : String.join(", ", changeable.subList(0, changeable.size() - 1)) + " or " + changeable.get(changeable.size() - 1);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new ApiException(400, "invalid", "Send a JSON object with any of " + fields + ".");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!changeable.contains(field)) {
                errors.put(field, "Cannot be changed here; send " + fields + ".");
            }
        });
        return errors;
    }
}
