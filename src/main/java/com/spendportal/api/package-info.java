/**
 * The JSON API (DESIGN §7, §11, §12). What {@code /q/openapi} says about all of it is declared here: both ways to
 * authenticate, required on every operation, and the shared error answers that {@link ApiDocumentFilter} adds to
 * each operation. (SmallRye OpenAPI reads {@code @OpenAPIDefinition} from a package or a JAX-RS Application only.)
 * OpenAPI 3.1 wants a license to have an SPDX identifier or a URL; SPDX names a license of one's own
 * {@code LicenseRef-...}.
 */
@OpenAPIDefinition(
        info = @Info(title = "Spend Portal API", version = "1",
                description = "The JSON API of the Spend Portal. Every call authenticates with HTTP Basic (a portal user)"
                        + " or a personal API token, and acts with that user's role: admin changes anything, viewer reads."
                        + " Errors answer {\"error\": {\"code\", \"message\", ...}}: a 400 names the bad field in"
                        + " error.field. Bodies are strict: a field the body does not take, a wrong type or text with control"
                        + " characters is a 400.\n\nLimits: a request body up to 20 MB (a usage CSV up to 5 MB); account and"
                        + " token names up to 100 characters, a webhook URL 2000; /api/audit gives 1 to 1000 entries a"
                        + " page (100 unless limit says), /api/alerts the newest 1000; a statement covers a term of at most"
                        + " 60 months. Several failed logins of one username in a row slow further attempts down.",
                license = @License(name = "Proprietary: for the operator of this portal", identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/", description = "This portal (the document is served by the portal it describes)"),
        tags = {
                @Tag(name = "Accounts", description = "Accounts, contract terms, usage, wallet and statements"),
                @Tag(name = "Alerts", description = "Alerts and the channels they are sent to"),
                @Tag(name = "Cost centres", description = "Cost centres, their budgets and members, and the showback of a"
                        + " month: who spent what"),
                @Tag(name = "Tokens", description = "The caller's personal API tokens"),
                @Tag(name = "Users", description = "Users and their roles (admins only)"),
                @Tag(name = "Audit", description = "The audit trail of every change (admins only)") },
        security = { @SecurityRequirement(name = ApiDocumentFilter.BASIC), @SecurityRequirement(name = ApiDocumentFilter.BEARER) },
        components = @Components(
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = ApiDocumentFilter.BASIC, type = SecuritySchemeType.HTTP,
                                scheme = "basic", description = "A portal user's username and password."),
                        @SecurityScheme(securitySchemeName = ApiDocumentFilter.BEARER, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", description = "A personal API token, made on the API tokens page (/tokens)."
                                        + " It acts with its owner's role; a read token may only GET, and no token may"
                                        + " create or revoke tokens.") },
                responses = {
                        @APIResponse(name = ApiDocumentFilter.BAD_REQUEST, responseCode = "400",
                                description = "Invalid input: error.field names the first bad field, error.fields each one.",
                                content = @Content(mediaType = APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class))),
                        @APIResponse(name = ApiDocumentFilter.UNAUTHORIZED, responseCode = "401",
                                description = "No credentials, or wrong ones (no body; WWW-Authenticate names the scheme).",
                                headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = SchemaType.STRING))),
                        @APIResponse(name = ApiDocumentFilter.FORBIDDEN, responseCode = "403",
                                description = "The caller's role or token scope does not allow this.",
                                content = @Content(mediaType = APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class))),
                        @APIResponse(name = ApiDocumentFilter.NOT_FOUND, responseCode = "404",
                                description = "Nothing with that id.",
                                content = @Content(mediaType = APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class))) }))
package com.spendportal.api;

import static jakarta.ws.rs.core.MediaType.APPLICATION_JSON;

import com.spendportal.web.ErrorBody;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
