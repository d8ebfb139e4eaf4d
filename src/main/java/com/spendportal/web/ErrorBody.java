package com.spendportal.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every API error, {@code {"error": {code, message, field?, fields?, details?}}}; the {@code Error} schema of /q/openapi. */
@Schema(name = "Error")
public record ErrorBody(Detail error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ErrorDetail")
    public record Detail(
            @Schema(description = "For programs: invalid, invalid_json, invalid_usage, not_found, no_contract, forbidden, ...",
                    examples = "not_found", required = true) String code,
            @Schema(description = "For people.", required = true) String message,
            @Schema(description = "The first bad field of a 400.") String field,
            @Schema(description = "Every bad field and its message, when there are several.") Map<String, String> fields,
            @Schema(description = "More about the failure, e.g. each bad line of a usage import as {line or record, message}.")
            Object details) {
    }
}
