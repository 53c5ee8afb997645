package dev.scenarios.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate generated at run time for one host name (plus 127.0.0.1 for {@code localhost}), with
 * what a server needs (key store, SSL context) and what a client trusts (a trust store holding exactly this
 * certificate, or a PEM file). Nothing here trusts anything blindly. The key is EC P-256: quick to generate for every
 * test, cheap in the benchmark's handshakes. No I/O except the {@code write} methods.
 */
public final class TestCertificates {

    public static final char[] PASSWORD = "changeit".toCharArray();

    private final X509Certificate certificate;
    private final KeyStore keyStore;

    private TestCertificates(X509Certificate certificate, KeyStore keyStore) {
        this.certificate = certificate;
        this.keyStore = keyStore;
    }

    /** A fresh key pair and a certificate for {@code hostName}, valid from an hour ago for a day. */
    public static TestCertificates forHost(String hostName) {
        return forHost(
                hostName,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
    }

    /** A certificate for {@code hostName} that expired yesterday. */
    public static TestCertificates expiredForHost(String hostName) {
        return forHost(
                hostName, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(1)));
    }

    private static TestCertificates forHost(String hostName, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    name,
                    pair.getPublic());
            GeneralName[] sans = hostName.equals("localhost")
                    ? new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, hostName),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                    }
                    : new GeneralName[] {new GeneralName(GeneralName.dNSName, hostName)};
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
            return new TestCertificates(cert, store);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a test certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server-side SSL context presenting this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client-side trust store holding exactly this certificate (host names are still verified as usual). */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("server", certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the PKCS12 key store (password {@link #PASSWORD}) to {@code file}. */
    public Path writeKeyStore(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** Writes the certificate as PEM to {@code file}, for {@code trustedCertificates}. */
    public Path writePem(Path file) throws IOException {
        StringWriter pem = new StringWriter();
        try {
            pem.write("-----BEGIN CERTIFICATE-----\n");
            pem.write(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()));
            pem.write("\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Files.writeString(file, pem.toString());
    }
}
