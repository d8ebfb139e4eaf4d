package com.spendportal.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The portal's own record of when a session began: {@code username.loginEpochMilli.HMAC}, set
 * beside Quarkus' form-auth cookie at login. The form-auth cookie is renewed on activity and says
 * nothing about when its session started, so without this a logout, a disabled user or an absolute
 * lifetime could not end a session whose cookie someone kept.
 */
final class LoginCookie {

    static final String NAME = "portal-login";

    private final byte[] key;

    LoginCookie(String secret) {
        this.key = ("portal-login-cookie:" + secret).getBytes(StandardCharsets.UTF_8);
    }

    record Login(String username, Instant at) {
    }

    String issue(String username, Instant at) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(username.getBytes(StandardCharsets.UTF_8))
                + "." + at.toEpochMilli();
        return payload + "." + sign(payload);
    }

    /**
     * The login this cookie records, or null when it is forged, too old for the absolute lifetime,
     * or older than the user's {@code sessionsValidAfter}.
     */
    Login verify(String value, Instant now, Duration absoluteLifetime, Instant sessionsValidAfter) {
        if (value == null) {
            return null;
        }
        int last = value.lastIndexOf('.');
        if (last < 0) {
            return null;
        }
        String payload = value.substring(0, last);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                value.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        String[] parts = payload.split("\\.");
        if (parts.length != 2) {
            return null;
        }
        Instant at;
        String username;
        try {
            at = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            username = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (at.plus(absoluteLifetime).isBefore(now)) {
            return null;
        }
        if (sessionsValidAfter != null && !at.isAfter(sessionsValidAfter)) {
            return null;
        }
        return new Login(username, at);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
