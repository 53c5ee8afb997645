package dev.scenarios.connector.smtp.testing;

import dev.scenarios.testing.TestCertificates;
import java.net.InetAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;

/**
 * SubEthaSMTP servers on 127.0.0.1, free port, that keep what they receive in a queue. STARTTLS uses a certificate the
 * test generated; authentication accepts one user and password.
 */
public final class SubethaServers implements AutoCloseable {

    /** One received message: envelope and raw data. */
    public record Received(String from, String to, byte[] data) {}

    public static final String USER = "alice";
    public static final String PASSWORD = "Pa55-w0rd-s3cret";

    private final SMTPServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int logins;

    private SubethaServers(SMTPServer.Builder builder) {
        this(builder, null);
    }

    /** With {@code holdReplies}, the reply to each message's final dot waits until it opens (at most a minute). */
    private SubethaServers(SMTPServer.Builder builder, CountDownLatch holdReplies) {
        this.server = builder.bindAddress(InetAddress.getLoopbackAddress())
                .port(0)
                .messageHandler((context, from, to, data) -> {
                    if (holdReplies != null) {
                        awaitQuietly(holdReplies);
                    }
                    received.add(new Received(from, to, data));
                })
                .build();
        server.start();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** STARTTLS offered and required before anything else, with {@code certificates}; AUTH PLAIN and LOGIN. */
    public static SubethaServers startTlsRequired(TestCertificates certificates) {
        SubethaServers[] self = new SubethaServers[1];
        return self[0] = new SubethaServers(SMTPServer.port(0)
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(certificates.serverContext())
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(validator(self))));
    }

    /** As {@link #startTlsRequired}, but the reply after each message's data waits for {@code holdReplies}. */
    public static SubethaServers startTlsRequired(TestCertificates certificates, CountDownLatch holdReplies) {
        SubethaServers[] self = new SubethaServers[1];
        return self[0] = new SubethaServers(
                SMTPServer.port(0)
                        .enableTLS()
                        .requireTLS()
                        .startTlsSocketFactory(certificates.serverContext())
                        .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(validator(self))),
                holdReplies);
    }

    /** No STARTTLS in EHLO, AUTH PLAIN and LOGIN offered. */
    public static SubethaServers withoutStartTls() {
        SubethaServers[] self = new SubethaServers[1];
        return self[0] = new SubethaServers(
                SMTPServer.port(0).authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(validator(self))));
    }

    /** Plain, AUTH LOGIN only. */
    public static SubethaServers loginOnly() {
        SubethaServers[] self = new SubethaServers[1];
        return self[0] = new SubethaServers(SMTPServer.port(0)
                .authenticationHandlerFactory(new LoginAuthenticationHandlerFactory(validator(self))));
    }

    private static UsernamePasswordValidator validator(SubethaServers[] self) {
        return (user, password, context) -> {
            self[0].logins++;
            if (!USER.equals(user) || !PASSWORD.equals(password)) {
                throw new LoginFailedException();
            }
        };
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** How many AUTH attempts reached the validator. */
    public int logins() {
        return logins;
    }

    /** The next received message, waiting at most {@code seconds}; null if none came. */
    public Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /** Whether nothing was received. */
    public boolean nothingReceived() {
        return received.isEmpty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
