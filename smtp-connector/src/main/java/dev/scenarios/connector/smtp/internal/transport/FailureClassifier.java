package dev.scenarios.connector.smtp.internal.transport;

import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings.Encryption;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.SocketConnectException;

/**
 * Turns what Angus throws into a {@link Failure} a user can act on ("port 465 expects encryption ssl", "certificate not
 * trusted: add it to trustedCertificates", ...). Pure: looks only at the exception chain and the transport's state.
 * Called by the check and by the sender.
 */
public final class FailureClassifier {

    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\r\\n]+");

    /** The text of the IOException with which Angus's write timeout ends a blocked write (its TimeoutOutputStream). */
    private static final String WRITE_TIMED_OUT = "Write timed out";

    private final SmtpSettings settings;
    private final Messages messages;

    public FailureClassifier(SmtpSettings settings, Messages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    private static boolean writeTimedOut(List<Throwable> chain) {
        return chain.stream().anyMatch(t -> t instanceof IOException && WRITE_TIMED_OUT.equals(t.getMessage()));
    }

    /** Classifies {@code error} thrown by {@code transport} (null if none was created). */
    public Failure classify(Throwable error, ObservedSmtpTransport transport) {
        List<Throwable> chain = Failure.chain(error);
        boolean greeted = transport != null && transport.greeted();
        boolean afterData = transport != null && transport.possiblyDelivered();
        String detail = detail(chain);
        int lastCode = transport == null ? 0 : Math.max(0, transport.getLastReturnCode());

        if (writeTimedOut(chain)) {
            // A write that blocked never handed the end of the data to TCP: nothing was delivered.
            return failure(
                    FailureKind.TIMEOUT,
                    msg("fail.write.timeout", settings.writeTimeout()),
                    0,
                    List.of(),
                    false,
                    detail);
        }
        if (afterData) {
            boolean timeout = find(chain, SocketTimeoutException.class) != null;
            return failure(
                    timeout ? FailureKind.TIMEOUT : FailureKind.PROTOCOL,
                    timeout ? msg("fail.timeout.afterdata", settings.readTimeout()) : msg("fail.lost.afterdata"),
                    0,
                    List.of(),
                    true,
                    detail);
        }
        if (find(chain, ObservedSmtpTransport.AuthenticationNotOfferedException.class) != null) {
            return failure(FailureKind.AUTHENTICATION, msg("fail.auth.notoffered"), 0, List.of(), false, detail);
        }
        AuthenticationFailedException auth = find(chain, AuthenticationFailedException.class);
        if (auth != null) {
            if (String.valueOf(auth.getMessage()).startsWith("No authentication mechanisms")) {
                String offered = transport == null ? "" : String.valueOf(transport.getExtensionParameter("AUTH"));
                String wanted = switch (settings.authentication()) {
                    case WINDOWS -> "NTLM";
                    case OAUTH2 -> "XOAUTH2";
                    default -> "PLAIN/LOGIN";
                };
                return failure(
                        FailureKind.AUTHENTICATION,
                        msg("fail.auth.mechanism", offered, wanted),
                        0,
                        List.of(),
                        false,
                        detail);
            }
            return failure(
                    FailureKind.AUTHENTICATION,
                    authRejected(reply(auth.getMessage())),
                    lastCode,
                    List.of(),
                    false,
                    detail);
        }
        Failure tls = tlsFailure(chain, detail);
        if (tls != null) {
            return tls;
        }
        if (find(chain, HostLookup.TimedOut.class) != null) {
            return failure(
                    FailureKind.TIMEOUT,
                    msg("fail.resolve.timeout", settings.host(), settings.connectTimeout()),
                    0,
                    List.of(),
                    false,
                    detail);
        }
        if (find(chain, UnknownHostException.class) != null) {
            return failure(FailureKind.UNREACHABLE, msg("fail.resolve", settings.host()), 0, List.of(), false, detail);
        }
        if (find(chain, SocketConnectException.class) != null
                || find(chain, ConnectException.class) != null
                || find(chain, NoRouteToHostException.class) != null) {
            if (find(chain, SocketTimeoutException.class) != null) {
                return failure(
                        FailureKind.TIMEOUT,
                        msg(
                                "fail.connect.timeout",
                                settings.host(),
                                String.valueOf(settings.port()),
                                settings.connectTimeout()),
                        0,
                        List.of(),
                        false,
                        detail);
            }
            return failure(
                    FailureKind.UNREACHABLE,
                    msg("fail.connect.refused", settings.host(), String.valueOf(settings.port())),
                    0,
                    List.of(),
                    false,
                    detail);
        }
        if (find(chain, SocketTimeoutException.class) != null) {
            if (!greeted) {
                LocalizedMessage m = settings.port() == 465 && settings.encryption() != Encryption.SSL
                        ? msg("fail.greeting.timeout", settings.readTimeout(), String.valueOf(settings.port()))
                        : msg("fail.greeting.timeout.generic", settings.readTimeout());
                return failure(FailureKind.TIMEOUT, m, 0, List.of(), false, detail);
            }
            return failure(
                    FailureKind.TIMEOUT, msg("fail.timeout", settings.readTimeout()), 0, List.of(), false, detail);
        }
        SMTPSenderFailedException sender = find(chain, SMTPSenderFailedException.class);
        if (sender != null || (transport != null && transport.senderRefused())) {
            return failure(
                    FailureKind.SENDER_REJECTED,
                    msg("fail.sender.rejected", reply(transport.getLastServerResponse())),
                    lastCode,
                    List.of(),
                    false,
                    detail);
        }
        List<SendResult.Rejection> rejected = rejections(chain);
        SendFailedException send = find(chain, SendFailedException.class);
        // Every recipient refused, or (in a check, where Angus reports it as an exception) some of them.
        if (send != null && !rejected.isEmpty() && (empty(send.getValidSentAddresses()) || lastCode / 100 == 2)) {
            String replies = String.join(
                    "; ",
                    rejected.stream().map(r -> r.address() + ": " + r.reply()).toList());
            return failure(
                    FailureKind.RECIPIENT_REJECTED,
                    msg("fail.recipient.rejected", replies),
                    rejected.get(0).replyCode(),
                    rejected,
                    false,
                    detail);
        }
        SMTPSendFailedException sendFailed = find(chain, SMTPSendFailedException.class);
        if (sendFailed != null && sendFailed.getReturnCode() > 0) {
            return failure(
                    FailureKind.MESSAGE_REJECTED,
                    msg("fail.message.rejected", reply(sendFailed.getMessage())),
                    sendFailed.getReturnCode(),
                    rejected,
                    false,
                    detail);
        }
        String text = String.valueOf(chain.get(0).getMessage());
        if (text.startsWith("Got bad greeting")) {
            // 421 means "try later" (transient, like an unreachable server); 5xx refuses the session for good.
            FailureKind kind = lastCode / 100 == 4 ? FailureKind.UNREACHABLE : FailureKind.PROTOCOL;
            return failure(
                    kind,
                    msg("fail.greeting.rejected", reply(transport.getLastServerResponse())),
                    lastCode,
                    List.of(),
                    false,
                    detail);
        }
        if (find(chain, IOException.class) != null
                || text.contains("[EOF]")
                || (transport != null && transport.getLastReturnCode() == -1)) {
            return failure(FailureKind.PROTOCOL, msg("fail.lost", reply(text)), 0, List.of(), false, detail);
        }
        if (chain.get(0) instanceof MessagingException && lastCode >= 400) {
            return failure(
                    FailureKind.PROTOCOL,
                    msg("fail.protocol", reply(transport.getLastServerResponse())),
                    lastCode,
                    List.of(),
                    false,
                    detail);
        }
        return failure(FailureKind.OTHER, msg("fail.other", reply(text)), lastCode, List.of(), false, detail);
    }

    /**
     * What to say about a refused AUTH, from the server's reply: Microsoft's and Google's enhanced codes get advice of
     * their own (SMTP AUTH disabled, basic authentication retired, token not accepted for the mailbox).
     */
    private LocalizedMessage authRejected(String reply) {
        boolean oauth2 = settings.authentication() == SmtpSettings.Authentication.OAUTH2;
        if (reply.contains("5.7.139")) {
            return msg("fail.auth.smtpauth.disabled", reply);
        }
        if (reply.contains("5.7.30")) {
            return msg("fail.auth.basic.unsupported", reply);
        }
        if (!oauth2) {
            return msg("fail.auth.rejected", settings.username());
        }
        if (reply.startsWith("334")) {
            // Google answers a refused XOAUTH2 token with a 334 challenge carrying its error as base64 JSON.
            return msg("fail.auth.oauth2.challenge", settings.username());
        }
        if (reply.contains("5.7.3 ") || reply.endsWith("5.7.3")) {
            return msg("fail.auth.oauth2.mailbox", settings.username(), reply);
        }
        if (reply.contains("5.7.8")) {
            return msg("fail.auth.oauth2.credentials", settings.username(), reply);
        }
        return msg("fail.auth.oauth2.rejected", settings.username(), reply);
    }

    private Failure tlsFailure(List<Throwable> chain, String detail) {
        String text = String.valueOf(chain.get(0).getMessage());
        if (text.startsWith("STARTTLS is required but host does not support STARTTLS")) {
            return failure(FailureKind.TLS, msg("fail.tls.notoffered"), 0, List.of(), false, detail);
        }
        SSLException ssl = find(chain, SSLException.class);
        if (ssl == null) {
            return null;
        }
        String all = detail.toLowerCase(Locale.ROOT);
        LocalizedMessage m;
        if (find(chain, CertificateExpiredException.class) != null
                || find(chain, CertificateNotYetValidException.class) != null) {
            m = msg("fail.tls.expired");
        } else if (all.contains("no subject alternative") || all.contains("no name matching")) {
            m = msg("fail.tls.hostname", settings.host());
        } else if (find(chain, CertPathBuilderException.class) != null
                || find(chain, CertPathValidatorException.class) != null
                || all.contains("unable to find valid certification path")) {
            m = msg("fail.tls.untrusted");
        } else if (all.contains("unsupported or unrecognized ssl message") || all.contains("plaintext connection")) {
            m = msg("fail.ssl.notls", String.valueOf(settings.port()), settings.port() == 587 ? "tls" : "tls / none");
        } else {
            m = msg("fail.tls.other", reply(ssl.getMessage()));
        }
        return failure(FailureKind.TLS, m, 0, List.of(), false, detail);
    }

    /** The rejected recipients found in the exception chain (Angus chains one exception per address). */
    static List<SendResult.Rejection> rejections(List<Throwable> chain) {
        List<SendResult.Rejection> out = new ArrayList<>();
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException a) {
                out.add(new SendResult.Rejection(
                        a.getAddress().getAddress(), a.getReturnCode(), reply(a.getMessage())));
            }
        }
        return out;
    }

    private static <T> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean empty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
    }

    private static String detail(List<Throwable> chain) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : chain) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(reply(t.getMessage()));
        }
        return out.toString();
    }

    /** A server reply or exception text on one line. */
    public static String reply(String text) {
        if (text == null) {
            return "";
        }
        // Called for every message sent: skip the regex in the usual single-line case.
        return text.indexOf('\r') < 0 && text.indexOf('\n') < 0
                ? text.trim()
                : LINE_BREAKS.matcher(text).replaceAll(" ").trim();
    }

    private LocalizedMessage msg(String key, Object... args) {
        return messages.message(key, args);
    }

    private static Failure failure(
            FailureKind kind,
            LocalizedMessage m,
            int code,
            List<SendResult.Rejection> rejected,
            boolean possiblyDelivered,
            String detail) {
        return new Failure(kind, m, code, rejected, possiblyDelivered, detail);
    }
}
