package com.spendportal.tokens;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Bearer token, already reduced to its SHA-256: the value itself goes no further than the mechanism. */
final class ApiTokenRequest extends BaseAuthenticationRequest {

    final String tokenHash;

    ApiTokenRequest(String tokenHash) {
        this.tokenHash = tokenHash;
    }
}
