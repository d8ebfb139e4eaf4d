package com.spendportal.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in identity provider of the single sign-on tests: quarkus-test-oidc-server's WireMock (discovery, keys,
 * a login form at the authorize endpoint). Its token endpoint answers any code, any number of times; a real provider
 * redeems a code once, for the PKCE verifier of its authorize request. {@link #redeemOnce} makes it do the same.
 */
public final class SsoProvider {

    public static final String TOKEN_PATH = "/auth/realms/quarkus/token";

    private SsoProvider() {
    }

    /** Single sign-on on, against the stand-in provider (with {@code @WithTestResource(OidcWiremockTestResource.class)}). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.sso.enabled", "true",
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
