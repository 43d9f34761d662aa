package io.industrybrain.serde;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a registry client needs besides the registry's URLs: the HTTP basic credentials it sends, as Confluent's
 * clients do with {@code basic.auth.credentials.source=USER_INFO} and {@code basic.auth.user.info=user:password},
 * and the trust store that vouches for an https registry's certificate (the JDK's own when none is given). Its
 * {@code toString()} never shows the credentials or the trust store's password.
 */
public final class RegistryAccess {

    /** A registry that asks for nothing: plain http, or https with a certificate the JDK trusts. */
    public static final RegistryAccess NONE = new RegistryAccess(null, null, "none");

    /** A key store of trusted certificates, as Confluent's {@code schema.registry.ssl.truststore.*} settings name one. */
    public record TrustStore(Path location, String password, String type) {
        @Override
        public String toString() {
            return "TrustStore[location=" + location + ", password=[hidden], type=" + type + "]";
        }
    }

    private final String authorization;
    private final SSLContext ssl;
    private final String description;

    private RegistryAccess(String authorization, SSLContext ssl, String description) {
        this.authorization = authorization;
        this.ssl = ssl;
        this.description = description;
    }

    /**
     * @param userInfo {@code user:password}, sent as HTTP basic credentials with every request
     * @param trustStore the certificates to trust instead of the JDK's
     * @throws IllegalArgumentException when the trust store cannot be read (the message names its location, never its password)
     */
    public static RegistryAccess of(Optional<String> userInfo, Optional<TrustStore> trustStore) {
        String authorization = userInfo.map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        SSLContext ssl = trustStore.map(RegistryAccess::trusting).orElse(null);
        return new RegistryAccess(authorization, ssl, "basic auth " + (authorization == null ? "none" : "[hidden]")
                + ", trust store " + trustStore.map(t -> t.location().toString()).orElse("the JDK's"));
    }

    private static SSLContext trusting(TrustStore store) {
        try (InputStream in = Files.newInputStream(store.location())) {
            KeyStore keys = KeyStore.getInstance(store.type());
            keys.load(in, store.password() == null ? null : store.password().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trust store " + store.location() + ": " + e.getMessage(), e);
        }
    }

    /** An HTTP client that trusts what this access trusts. */
    HttpClient httpClient(Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    /** The request with the credentials, if any. */
    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    @Override
    public String toString() {
        return "RegistryAccess[" + description + "]";
    }
}
