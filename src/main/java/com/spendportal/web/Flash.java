package com.spendportal.web;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Post/redirect/get with a one-time message: the message rides in a short-lived cookie that the
 * next page shows and clears ({@link FlashFilter}).
 */
public final class Flash {

    static final String COOKIE = "portal-flash";

    private Flash() {
    }

    /** A 303 redirect to {@code location} that shows {@code message} on the next page. */
    public static Response redirect(String location, String message) {
        Response.ResponseBuilder builder = Response.seeOther(URI.create(location));
        if (message != null) {
            builder.cookie(new NewCookie.Builder(COOKIE)
                    .value(URLEncoder.encode(message, StandardCharsets.UTF_8))
                    .path("/").maxAge(60).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build());
        }
        return builder.build();
    }

    static String decode(String cookieValue) {
        try {
            return URLDecoder.decode(cookieValue, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
