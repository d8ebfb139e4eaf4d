package com.spendportal.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * The stand-in identity provider of the single sign-on tests: quarkus-test-oidc-server's WireMock (discovery, keys,
 * a login form at the authorize endpoint). Its token endpoint answers any code, any number of times; a real provider
 * redeems a code once, for the PKCE verifier of its authorize request. {@link #redeemOnce} makes it do the same, and
 * {@link #rotateKeys} rotates its signing key as a real provider does.
 */
public final class SsoProvider {

    public static final String TOKEN_PATH = "/auth/realms/quarkus/token";

    /** Where the provider publishes its signing keys (its discovery document says so). */
    public static final String KEYS_PATH = "/auth/realms/quarkus/protocol/openid-connect/certs";

    /** The test profile's {@code quarkus.oidc.token.forced-jwk-refresh-interval}: a minute's 30 s, scaled down. */
    public static final Duration KEY_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private SsoProvider() {
    }

    /** Single sign-on on, against the stand-in provider (with {@code @WithTestResource(OidcWiremockTestResource.class)}). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.forced-jwk-refresh-interval", KEY_REFRESH_INTERVAL.toSeconds() + "S",
                    "portal.sso.enabled", "true",
                    "portal.sso.display-name", "Example Corp",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.client-id", "spend-portal",
                    "quarkus.oidc.credentials.secret", "sso-test-client-secret-of-32-characters");
        }
    }

    /** An id token as the stand-in provider signs it for the portal (its key, its issuer, our client id). */
    public static JwtClaimsBuilder idToken(String username, String... groups) {
        return Jwt.preferredUserName(username).subject(username).groups(Set.of(groups))
                .issuer("https://server.example.com").audience("spend-portal").expiresIn(300);
    }

    /**
     * The token endpoint redeems {@code code} once, and only with the verifier of {@code codeChallenge} (S256) when the
     * authorize request had one, answering these tokens; every other use of the code gets {@code invalid_grant}.
     */
    public static void redeemOnce(WireMockServer provider, String code, String codeChallenge, String signedIdToken) {
        provider.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(1)
                .andMatching(request -> {
                    Map<String, String> form = form(request.getBodyAsString());
                    return MatchResult.of(code.equals(form.get("code"))
                            && (codeChallenge == null || codeChallenge.equals(s256(form.get("code_verifier")))));
                })
                .inScenario("code " + code).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("redeemed")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + signedIdToken + "\",\"id_token\":\"" + signedIdToken
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        provider.stubFor(post(urlEqualTo(TOKEN_PATH)).atPriority(2)
                .andMatching(request -> MatchResult.of(code.equals(form(request.getBodyAsString()).get("code"))))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}")));
    }

    /** A signing key the provider has published: sign id tokens with {@link #sign}. */
    public record SigningKey(String keyId, PrivateKey privateKey) {
        public String sign(JwtClaimsBuilder claims) {
            return claims.jws().keyId(keyId).sign(privateKey);
        }
    }

    /**
     * Rotates the provider's signing key as a real provider does: a new key with a new key id, published in its key set
     * beside the keys published so far (tokens signed before stay verifiable until they expire), and used from now on.
     */
    public static SigningKey rotateKeys(WireMockServer provider) {
        try {
            HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(provider.baseUrl() + KEYS_PATH)).build(), HttpResponse.BodyHandlers.ofString());
            JsonWebKeySet keys = new JsonWebKeySet(published.body());
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("rotated-" + UUID.randomUUID());
            key.setUse("sig");
            key.setAlgorithm("RS256");
            keys.addJsonWebKey(key);
            provider.stubFor(get(urlEqualTo(KEYS_PATH)).atPriority(1).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(keys.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
            return new SigningKey(key.getKeyId(), key.getPrivateKey());
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The parameters of an authorize or callback URL. */
    public static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
