package com.spendportal.web;

import java.util.Map;

/** A failure with a code and a message for people; rendered as {@code {"error": {...}}} under /api. */
public class ApiException extends RuntimeException {

    final int status;
    final String code;
    final String field;
    final Map<String, String> fields;
    final Object details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null, null);
    }

    /** With {@code details}, e.g. the list of bad lines of an import, under {@code error.details}. */
    public ApiException(int status, String code, String message, Object details) {
        this(status, code, message, null, null, details);
    }

    private ApiException(int status, String code, String message, String field, Map<String, String> fields, Object details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.fields = fields;
        this.details = details;
    }

    /** 400 naming the first bad field; every field's message is in {@code fields}. */
    public static ApiException invalid(Map<String, String> errors) {
        Map.Entry<String, String> first = errors.entrySet().iterator().next();
        return new ApiException(400, "invalid", first.getKey() + ": " + first.getValue(), first.getKey(), errors, null);
    }

    /**
     * A whole-number query parameter: null when absent or blank, a 400 naming it when it is not a number (JAX-RS
     * would answer 404 for a parameter typed {@code Long}).
     */
    public static Long longParameter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(Map.of(name, "Must be a whole number."));
        }
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ErrorBody body(String code, String message, String field, Map<String, String> fields, Object details) {
        return new ErrorBody(new ErrorBody.Detail(code, message, field, fields != null && fields.size() > 1 ? fields : null, details));
    }
}
