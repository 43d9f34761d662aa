package io.industrybrain.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The token of {@code http.auth.token}, which a request presents as {@code Authorization: Bearer <token>} (RFC 6750).
 * Compared in constant time, so that how long a refusal takes tells a caller nothing about how close its guess was;
 * its {@code toString()} never shows it.
 */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private final byte[] token;

    public BearerToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** What an {@code Authorization} header (null when absent) says of this token. */
    public enum Presented { NONE, WRONG, RIGHT }

    public Presented in(String authorization) {
        // The scheme's name is case-insensitive (RFC 9110, 11.1); the token is not.
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return Presented.NONE;
        }
        byte[] presented = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        // The configured token first: MessageDigest.isEqual takes the time of its first argument's length.
        return MessageDigest.isEqual(token, presented) ? Presented.RIGHT : Presented.WRONG;
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
