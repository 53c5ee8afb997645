package dev.scenarios.connector.smtp.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factories handed to Angus as {@code mail.smtp.socketFactory} and {@code mail.smtp.ssl.socketFactory}: they
 * report connect and TLS events and set TCP_NODELAY (Angus does not, and a large message then waits for delayed ACKs).
 * The plain sockets keep their read timeout themselves ({@link DeadlineInputStream}).
 */
public final class ObservedSocketFactories {

    private ObservedSocketFactories() {}

    /**
     * A factory of unconnected plain sockets that report {@link SocketEvents#connected()} and fail a read blocked for
     * longer than {@code readTimeout} with {@link java.net.SocketTimeoutException}.
     */
    public static SocketFactory plain(SocketEvents events, Duration readTimeout) {
        return new PlainFactory(events, readTimeout);
    }

    /** A TLS factory over {@code delegate} that reports {@link SocketEvents#tlsLayered}. */
    public static SSLSocketFactory tls(SSLSocketFactory delegate, SocketEvents events) {
        return new TlsFactory(delegate, events);
    }

    private static final class PlainFactory extends SocketFactory {
        private final SocketEvents events;
        private final Duration readTimeout;

        PlainFactory(SocketEvents events, Duration readTimeout) {
            this.events = events;
            this.readTimeout = readTimeout;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    super.connect(endpoint, timeout);
                    setTcpNoDelay(true);
                    events.connected();
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return new DeadlineInputStream(super.getInputStream(), this, readTimeout);
                }
            };
        }

        // Angus only calls createSocket(); the connected variants exist for the abstract class.
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new IOException("unconnected sockets only");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new IOException("unconnected sockets only");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("unconnected sockets only");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new IOException("unconnected sockets only");
        }
    }

    private static final class TlsFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final SocketEvents events;

        TlsFactory(SSLSocketFactory delegate, SocketEvents events) {
            this.delegate = delegate;
            this.events = events;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            if (!socket.getTcpNoDelay()) {
                // Implicit TLS: Angus connected a plain socket itself; report it here.
                socket.setTcpNoDelay(true);
                events.connected();
            }
            SSLSocket tls = (SSLSocket) delegate.createSocket(socket, host, port, autoClose);
            events.tlsLayered(tls);
            return tls;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new IOException("layered sockets only");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new IOException("layered sockets only");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("layered sockets only");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new IOException("layered sockets only");
        }
    }
}
