package com.spendportal.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Swagger UI ({@code /q/swagger-ui}) starts with inline scripts and its bundle applies inline styles, both of which the
 * portal's Content-Security-Policy (application.properties) refuses (seen in Chromium). Its pages alone get that
 * policy plus inline scripts and styles. Set as the headers go out: {@code quarkus.http.filter.*} headers never
 * replace one that {@code quarkus.http.header.*} set.
 */
@ApplicationScoped
class SwaggerUiPolicy {

    static final String PATH = "/q/swagger-ui";

    @ConfigProperty(name = "quarkus.http.header.\"Content-Security-Policy\".value")
    String policy;

    void register(@Observes Filters filters) {
        String relaxed = policy + "; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.equals(PATH) || path.startsWith(PATH + "/")) {
                rc.addHeadersEndHandler(end -> rc.response().headers().set("Content-Security-Policy", relaxed));
            }
            rc.next();
        }, 0);
    }
}
