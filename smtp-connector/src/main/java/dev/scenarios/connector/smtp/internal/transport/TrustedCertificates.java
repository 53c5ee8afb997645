package dev.scenarios.connector.smtp.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the TLS context of a connection: the JDK's default trust anchors plus the certificates of the
 * {@code trustedCertificates} PEM file. Verification stays the JDK's PKIX validation (plus the server certificate's
 * dates, see {@link ValidityCheckingTrustManager}); host names are checked by Angus through the endpoint identification
 * algorithm.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {}

    /**
     * An SSL context trusting the default anchors and those of {@code pem}. Reads the file.
     *
     * @throws CertificateFileException naming {@code trustedCertificates} when the file cannot be read or holds no
     *     certificate
     */
    public static SSLContext sslContext(Optional<Path> pem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            X509TrustManager pkix = pem.isPresent() ? trustManager(pem.get()) : defaultTrustManager();
            context.init(
                    null, new TrustManager[] {new ValidityCheckingTrustManager((X509ExtendedTrustManager) pkix)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    private static X509TrustManager trustManager(Path pem) throws GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            anchors.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int n = 0;
        for (X509Certificate cert : defaultTrustManager().getAcceptedIssuers()) {
            anchors.setCertificateEntry("default-" + n++, cert);
        }
        Collection<? extends Certificate> extra = read(pem);
        for (Certificate cert : extra) {
            anchors.setCertificateEntry("trusted-" + n++, cert);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return x509(factory.getTrustManagers());
    }

    private static Collection<? extends Certificate> read(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new CertificateFileException("check.trustedCertificates.empty", pem, null);
            }
            return certs;
        } catch (IOException e) {
            throw new CertificateFileException("check.trustedCertificates.unreadable", pem, e);
        } catch (CertificateException e) {
            throw new CertificateFileException("check.trustedCertificates.invalid", pem, e);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return x509(factory.getTrustManagers());
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    /**
     * The {@code trustedCertificates} file cannot be used; {@link #key()} names the localized text, whose argument is
     * the file.
     */
    public static final class CertificateFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String file;

        CertificateFileException(String key, Path file, Exception cause) {
            super(
                    switch (key) {
                        case "check.trustedCertificates.empty" -> "trustedCertificates: no certificate in " + file;
                        case "check.trustedCertificates.unreadable" -> "trustedCertificates: cannot read " + file;
                        default -> "trustedCertificates: " + file + " is not a PEM file of certificates";
                    },
                    cause);
            this.key = key;
            this.file = file.toString();
        }

        public String key() {
            return key;
        }

        public String file() {
            return file;
        }
    }
}
