package io.industrybrain.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} made with the JDK's own keytool, as a real operator would make one
 * and with nothing to download: the server's key store (certificate and private key, PKCS12) and a client's trust store
 * holding only the certificate, both with the same password. Shared with other modules in the test-jar.
 *
 * @param keyStore the server's certificate and key
 * @param trustStore the certificate alone, for clients
 * @param certificate the certificate as a file (DER)
 */
public record TestKeyStores(Path keyStore, Path trustStore, Path certificate, String password) {

    /** Makes the stores in {@code dir}, named after {@code alias}. */
    public static TestKeyStores forLocalhost(Path dir, String alias, String password) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
        Path certificate = dir.resolve(alias + ".crt");
        keytool("-exportcert", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", password, "-file", certificate.toString());
        Path trustStore = dir.resolve(alias + "-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
        return new TestKeyStores(keyStore, trustStore, certificate, password);
    }

    /** A client's TLS context that trusts this certificate and no other. */
    public SSLContext trusting() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A server's TLS context presenting this certificate. */
    public SSLContext serving() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    public Certificate readCertificate() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(certificate)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), output);
    }
}
