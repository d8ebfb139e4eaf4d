package com.spendportal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns failures into a calm page (or {@code {"error": {...}}} under /api): a missing row is a 404,
 * and nothing unexpected ever shows a stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @CheckedTemplate(basePath = "errors")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message, String backPath, String backLabel);
    }

    /**
     * The error page; it needs no request context, so a Vert.x failure handler can render it too.
     * {@code backPath} is a path of the portal such as {@code /login}: the link never leaves it.
     */
    public static String page(int status, String title, String message, String backPath, String backLabel) {
        return Templates.error(status, title, message, backPath.replaceFirst("^/+", ""), backLabel).render();
    }

    @ServerExceptionMapper
    public Response apiError(ApiException e, UriInfo uri) {
        return respond(uri, e.status, e.code, e.getMessage(), e.field, e.fields, e.details);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(uri, 404, "not_found", "There is nothing at this address. It may have been deleted.", null, null, null);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping) {
            return badBody(mapping, uri);
        }
        return respond(uri, 400, "invalid_json", "The request body is not valid JSON.", "body", null, null);
    }

    /** Quarkus maps this one itself (an empty 400): ours names the field. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return badBody(e, uri);
    }

    /**
     * A body of the wrong shape: an array where an object goes, a wrong type, a non-date, an unknown field. The 400
     * names the field by its path ({@code url}, {@code items[0].month}; {@code body} for the whole body).
     */
    private Response badBody(JsonMappingException e, UriInfo uri) {
        String field = fieldPath(e);
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            message = "Unknown field" + (known.isEmpty() ? "." : "; this body takes " + String.join(", ", known) + ".");
        } else {
            message = "Expected " + expected(e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null)
                    + ".";
        }
        return respond(uri, 400, "invalid", field + ": " + message, field, Map.of(field, message), null);
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == String.class) {
            return "text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "a date and time such as 2026-12-31T00:00:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-12-31";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    @ServerExceptionMapper(priority = 10)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return badJson(json, uri);
            }
        }
        if (status == 401 || status == 403 || status == 400 && e.getResponse().hasEntity()) {
            return e.getResponse();
        }
        String message = status == 405 ? "This address does not accept that method."
                : status == 415 ? "This content type is not accepted here."
                : status == 406 ? "This content type cannot be produced here."
                : status == 400 ? "The request could not be understood." : "The request could not be completed.";
        return respond(uri, status, "http_" + status, message, null, null, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(uri, 403, "forbidden", "Your role may read and export, but not change this.", null, null, null);
    }

    @ServerExceptionMapper
    public Response pdfBusy(Pdf.BusyException e, UriInfo uri) {
        LOG.warnf("PDF not made for %s: %s", uri.getPath(), e.getMessage());
        Response busy = respond(uri, 503, "busy", "The portal is making other PDFs right now. Please try again in a minute.",
                null, null, null);
        return Response.fromResponse(busy).header("Retry-After", "60").build();
    }

    @ServerExceptionMapper(priority = 5000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Fatal.ifOutOfMemory(e);
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return null; // let the security layer answer
        }
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return respond(uri, 500, "internal_error",
                "Something went wrong on our side. Nothing you entered was lost; please try again.", null, null, null);
    }

    static Response respond(UriInfo uri, int status, String code, String message, String field, Map<String, String> fields,
            Object details) {
        if (uri.getPath().startsWith("/api")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiException.body(code, message, field, fields, details)).build();
        }
        String title = switch (status) {
            case 404 -> "Not found";
            case 409 -> "Changed meanwhile";
            case 403 -> "Not allowed";
            case 400 -> "Check your input";
            case 500 -> "Something went wrong";
            case 503 -> "Busy";
            default -> "Request not completed";
        };
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(page(status, title, message, "/", "Back to accounts")).build();
    }
}
