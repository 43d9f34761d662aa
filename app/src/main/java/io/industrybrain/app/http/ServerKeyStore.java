package io.industrybrain.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate and private key the HTTP endpoints serve https with, read from a key store as
 * {@code http.tls.keystore.*} name it. The key's password is the store's, as {@code keytool -genkeypair} makes it
 * for PKCS12. Read once at start-up, so that a store that cannot be used stops the app before anything listens.
 * Its {@code toString()} shows the location only.
 */
public final class ServerKeyStore {

    /** Which of the key store's settings is at fault. */
    public enum Fault { LOCATION, PASSWORD, TYPE }

    /** Why a key store cannot serve https; the message names the location, never the password. */
    public static final class Unusable extends IllegalArgumentException {
        private final Fault fault;

        Unusable(Fault fault, String problem) {
            super(problem);
            this.fault = fault;
        }

        public Fault fault() { return fault; }
    }

    private final Path location;
    private final SSLContext ssl;

    private ServerKeyStore(Path location, SSLContext ssl) {
        this.location = location;
        this.ssl = ssl;
    }

    /** @throws Unusable when the store cannot be read, refuses the password or holds no private key */
    public static ServerKeyStore read(Path location, String password, String type) {
        KeyStore keys;
        try {
            keys = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new Unusable(Fault.TYPE, "no key store type " + type + " in this JVM; PKCS12 or JKS");
        }
        try (InputStream in = Files.newInputStream(location)) {
            keys.load(in, password.toCharArray());
        } catch (NoSuchFileException e) {
            throw new Unusable(Fault.LOCATION, "cannot read the key store " + location + ": no such file");
        } catch (IOException e) {
            // A wrong password is an IOException caused by the key that could not be recovered with it.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new Unusable(Fault.PASSWORD, "refused by the key store " + location);
            }
            throw new Unusable(Fault.LOCATION, "cannot read the key store " + location + " as " + type + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new Unusable(Fault.LOCATION, "cannot read the key store " + location + " as " + type + ": " + e.getMessage());
        }
        try {
            if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKey(keys, alias))) {
                throw new Unusable(Fault.LOCATION, "the key store " + location + " holds no private key to serve https with");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return new ServerKeyStore(location, context);
        } catch (UnrecoverableKeyException e) {
            throw new Unusable(Fault.PASSWORD, "opens the key store " + location + " but not its private key, whose password must be the store's");
        } catch (GeneralSecurityException e) {
            throw new Unusable(Fault.LOCATION, "cannot use the key store " + location + ": " + e.getMessage());
        }
    }

    private static boolean isKey(KeyStore keys, String alias) {
        try {
            return keys.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }

    public SSLContext sslContext() { return ssl; }

    @Override
    public String toString() {
        return "ServerKeyStore[" + location + "]";
    }
}
