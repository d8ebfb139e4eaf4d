package com.spendportal.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Token values: {@code sp_} and 32 random bytes in base64url, kept only as their SHA-256. */
final class TokenValues {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("sp_[A-Za-z0-9_-]{43}");

    private TokenValues() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Checked before hashing, so that nothing of another shape costs a hash or a query. */
    static boolean wellFormed(String value) {
        return value != null && value.length() == 46 && FORMAT.matcher(value).matches();
    }

    /** Lowercase hex SHA-256 of the token: a token is 256 random bits, so no salt or slow hash is needed. */
    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
