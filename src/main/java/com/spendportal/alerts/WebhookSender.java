package com.spendportal.alerts;

import com.spendportal.web.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a delivery's stored body, byte for byte, signed (DESIGN §11): {@code X-Portal-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>}, keyed with the channel's secret, with
 * {@code t} the time of this attempt so a receiver can refuse replays. The errors it reports name
 * what went wrong, never the URL (a Slack URL is itself a credential) nor the secret.
 */
@ApplicationScoped
class WebhookSender {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    // HTTP/1.1: plain-http receivers need not understand an h2c upgrade; redirects are not followed (a 3xx is retried).
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    PortalConfig config;

    SendResult send(String url, String secret, String eventId, String body) {
        if (secret == null || secret.isEmpty()) {
            return SendResult.failed(null, "the channel has no signing secret");
        }
        return post(url, body, "X-Portal-Event-Id", eventId, "X-Portal-Signature",
                signature(secret, Instant.now().getEpochSecond(), body));
    }

    /**
     * POSTs {@code body} as JSON with the extra {@code headers} (name, value, ...): a 2xx is delivered, anything else
     * (a 3xx too: redirects are not followed) is a failure to retry. Slack and Teams channels post through here too.
     */
    SendResult post(String url, String body, String... headers) {
        try {
            // The name is resolved and checked now, as it may point elsewhere than when it was saved. The client's
            // own look-up right after is answered from the JVM's address cache (networkaddress.cache.ttl, 30 s).
            OutboundUrls.resolve(url, config.alerts().allowLocalNetwork());
        } catch (OutboundUrls.Refused e) {
            return SendResult.failed(null, "the URL " + e.getMessage());
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "SpendPortal-Webhook");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8))).build();
        } catch (IllegalArgumentException e) {
            return SendResult.failed(null, "the URL is not a valid http(s) URL");
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // The answer's body is not read: closing it here keeps a slow body from holding the attempt open.
            response.body().close();
            int status = response.statusCode();
            return status >= 200 && status < 300 ? SendResult.delivered(status, null)
                    : SendResult.failed(status, "HTTP " + status);
        } catch (HttpConnectTimeoutException e) {
            return SendResult.failed(null, "could not connect within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return SendResult.failed(null, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return SendResult.failed(null, "connection refused");
        } catch (IOException e) {
            return SendResult.failed(null, "network error (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(null, "interrupted (the portal was stopping)");
        }
    }

    /** {@code t=<t>,v1=<hex HMAC-SHA256 over "<t>." + body, key = the secret's UTF-8 bytes>}. */
    static String signature(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
