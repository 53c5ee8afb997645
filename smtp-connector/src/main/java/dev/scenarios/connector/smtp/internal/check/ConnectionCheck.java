package dev.scenarios.connector.smtp.internal.check;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.smtp.internal.journal.Journal;
import dev.scenarios.connector.smtp.internal.journal.JournalEntries;
import dev.scenarios.connector.smtp.internal.mime.StableIdMessage;
import dev.scenarios.connector.smtp.internal.oauth.AccessToken;
import dev.scenarios.connector.smtp.internal.oauth.OAuthTokens;
import dev.scenarios.connector.smtp.internal.oauth.TokenException;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings.Encryption;
import dev.scenarios.connector.smtp.internal.settings.SmtpSettings.JournalLevel;
import dev.scenarios.connector.smtp.internal.transport.DialogueRecorder;
import dev.scenarios.connector.smtp.internal.transport.FailureClassifier;
import dev.scenarios.connector.smtp.internal.transport.HostLookup;
import dev.scenarios.connector.smtp.internal.transport.MailSessions;
import dev.scenarios.connector.smtp.internal.transport.ObservedSmtpTransport;
import dev.scenarios.connector.smtp.internal.transport.SocketEvents;
import dev.scenarios.connector.smtp.internal.transport.TrustedCertificates;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One run of "check connection": (with OAuth2 first the token) resolve, connect, greeting, EHLO, TLS, AUTH, MAIL FROM,
 * then RSET + QUIT or a test message. Each step is timed from the transport's hooks; the first failure is classified
 * and the rest skipped. Does network I/O bounded by the configured timeouts. Created per check by
 * {@code SmtpConnectionType.check}; not reusable.
 */
public final class ConnectionCheck implements SocketEvents, ObservedSmtpTransport.Listener {

    private final SmtpSettings settings;
    private final ConnectorContext context;
    private final Messages messages;
    private final CheckProgress progress;
    private final DialogueRecorder recorder = new DialogueRecorder();
    private SSLSocket tlsSocket;
    private String ehloExtensions = "";

    public ConnectionCheck(SmtpSettings settings, ConnectorContext context, Messages messages) {
        this.settings = settings;
        this.context = context;
        this.messages = messages;
        String last = settings.checkWithoutSending() ? "rset-quit" : "send-test";
        List<String> plan = new ArrayList<>(
                settings.encryption() == Encryption.SSL
                        ? List.of("resolve", "connect", "tls", "greeting", "ehlo", "auth", "mail-from", last)
                        : List.of("resolve", "connect", "greeting", "ehlo", "tls", "auth", "mail-from", last));
        if (settings.oauth() != null) {
            // The token comes first: a server would not wait at AUTH while a slow endpoint answers.
            plan.add(0, "token");
        }
        Set<String> notApplicable = new HashSet<>();
        if (settings.encryption() == Encryption.NONE) {
            notApplicable.add("tls");
        }
        if (!settings.authenticates()) {
            notApplicable.add("auth");
        }
        this.progress = new CheckProgress(messages, plan, notApplicable);
    }

    /** Runs the check and journals it (per the journal level). Never throws for user or network errors. */
    public CheckResult run() {
        CheckResult result = runSteps();
        if (settings.journal() == JournalLevel.FULL
                || (settings.journal() == JournalLevel.ERRORS && !result.succeeded())) {
            new Journal(
                            context.dataDirectory(),
                            settings.systemName(),
                            problem -> context.journalFailed(settings.systemName(), problem))
                    .append(JournalEntries.check(context.clock().instant(), result, recorder.redacted()));
        }
        return result;
    }

    private CheckResult runSteps() {
        SSLContext tls;
        try {
            tls = TrustedCertificates.sslContext(settings.trustedCertificates());
        } catch (TrustedCertificates.CertificateFileException e) {
            return CheckResult.failed(
                    FailureKind.CONFIGURATION, messages.message(e.key(), e.file()), e.getMessage(), List.of());
        }
        String password = settings.password();
        if (settings.oauth() != null) {
            OAuthTokens tokens = OAuthTokens.of(settings, tls, context, messages);
            try {
                AccessToken token = tokens.fetch();
                progress.passIf(
                        "token",
                        token.describe(tokens.source(messages), context.clock().instant(), messages));
                password = token.value();
            } catch (TokenException e) {
                return failed(e.failure());
            }
        }
        Failure lookup = resolve();
        if (lookup != null) {
            return failed(lookup);
        }
        Session session = MailSessions.session(MailSessions.properties(settings, tls, this), recorder.stream());
        ObservedSmtpTransport transport = null;
        try {
            transport = MailSessions.transport(session);
            transport.listener(this);
            transport.connect(settings.host(), settings.port(), settings.username(), password);
            if (settings.checkWithoutSending()) {
                transport.issueCommand("MAIL FROM:<" + settings.senderAddress() + ">", 250);
                progress.passIf("mail-from", replied(FailureClassifier.reply(transport.getLastServerResponse())));
                transport.issueCommand("RSET", 250);
                transport.close();
                progress.passIf("rset-quit", messages.message("check.detail.rsetQuit"));
                return CheckResult.succeeded(
                        messages.message("check.succeeded.nosend", settings.systemName()), "", progress.steps());
            }
            MimeMessage message = testMessage(session);
            transport.sendMessage(message, message.getAllRecipients());
            String reply = FailureClassifier.reply(transport.getLastServerResponse());
            progress.passIf("send-test", messages.message("check.detail.sent", message.getMessageID(), reply));
            String to = String.join(", ", settings.testRecipients());
            return CheckResult.succeeded(
                    messages.message("check.succeeded.sent", settings.systemName(), to), reply, progress.steps());
        } catch (MessagingException | RuntimeException e) {
            Failure failure = new FailureClassifier(settings, messages).classify(e, transport);
            if ("mail-from".equals(progress.current())
                    && (failure.kind() == FailureKind.PROTOCOL || failure.kind() == FailureKind.OTHER)
                    && transport != null
                    && transport.getLastReturnCode() >= 400) {
                String reply = FailureClassifier.reply(transport.getLastServerResponse());
                failure = new Failure(
                        FailureKind.SENDER_REJECTED,
                        messages.message("fail.sender.rejected", reply),
                        transport.getLastReturnCode(),
                        List.of(),
                        false,
                        failure.detail());
            }
            return failed(failure);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // The outcome is known; a failing QUIT adds nothing.
                }
            }
        }
    }

    private CheckResult failed(Failure failure) {
        progress.fail(failure.message());
        return CheckResult.failed(failure.kind(), failure.message(), failure.detail(), progress.steps());
    }

    /** Resolves the host within the connect timeout; the failure, or null when it resolved. */
    private Failure resolve() {
        try {
            InetAddress[] addresses = HostLookup.resolve(settings.host(), settings.connectTimeout());
            progress.passIf(
                    "resolve",
                    messages.message(
                            "check.detail.resolve",
                            Arrays.stream(addresses)
                                    .map(InetAddress::getHostAddress)
                                    .collect(Collectors.joining(", "))));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FailureClassifier(settings, messages).classify(e, null);
        } catch (IOException e) {
            return new FailureClassifier(settings, messages).classify(e, null);
        }
    }

    private MimeMessage testMessage(Session session) throws MessagingException {
        MimeMessage message = new StableIdMessage(session);
        try {
            message.setFrom(
                    settings.senderName() == null
                            ? new InternetAddress(settings.senderAddress())
                            : new InternetAddress(settings.senderAddress(), settings.senderName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setRecipients(MimeMessage.RecipientType.TO, String.join(",", settings.testRecipients()));
        Instant now = context.clock().instant();
        message.setSubject(messages.get("testmessage.subject", Locale.ENGLISH, settings.systemName()), "UTF-8");
        message.setText(
                messages.get("testmessage.body", Locale.ENGLISH, settings.systemName(), now.toString()), "UTF-8");
        message.saveChanges();
        return message;
    }

    @Override
    public void connected() {
        progress.passIf(
                "connect", messages.message("check.detail.connect", settings.host(), String.valueOf(settings.port())));
    }

    @Override
    public void tlsLayered(SSLSocket socket) {
        this.tlsSocket = socket;
    }

    @Override
    public void reached(ObservedSmtpTransport.Stage stage, ObservedSmtpTransport transport) {
        String reply = FailureClassifier.reply(transport.getLastServerResponse());
        switch (stage) {
            case GREETING -> {
                progress.passIf("tls", messages.message("check.detail.tls.greeting", tlsDetail()));
                if (transport.getLastReturnCode() == 220) {
                    progress.passIf("greeting", replied(reply));
                }
            }
            case EHLO -> {
                ehloExtensions = extensions(transport.getLastServerResponse());
                if (!progress.passIf("ehlo", messages.message("check.detail.ehlo", ehloExtensions))
                        && tlsSocket != null) {
                    progress.passIf("tls", messages.message("check.detail.tls.ehlo", tlsDetail(), ehloExtensions));
                }
            }
            case CONNECTED ->
                progress.passIf(
                        "auth",
                        messages.message(
                                "check.detail.auth",
                                settings.username(),
                                String.valueOf(transport.getExtensionParameter("AUTH"))));
            case MAIL_FROM -> progress.passIf("mail-from", replied(reply));
            default -> {}
        }
    }

    /** A server's reply wrapped in our words: the reply is data and stays as the server wrote it. */
    private LocalizedMessage replied(String reply) {
        return messages.message("check.detail.reply", reply);
    }

    /** The TLS session: protocol, cipher suite and the server's certificate (subject, expiry), or empty before TLS. */
    private LocalizedMessage tlsDetail() {
        if (tlsSocket == null) {
            return LocalizedMessage.verbatim("");
        }
        SSLSession s = tlsSocket.getSession();
        try {
            X509Certificate cert = (X509Certificate) s.getPeerCertificates()[0];
            return messages.message(
                    "check.detail.tls",
                    s.getProtocol(),
                    s.getCipherSuite(),
                    cert.getSubjectX500Principal().getName(),
                    cert.getNotAfter().toInstant().toString());
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return messages.message("check.detail.tls.unverified", s.getProtocol(), s.getCipherSuite());
        }
    }

    /** The EHLO keywords of a multi-line 250 reply, e.g. {@code PIPELINING, STARTTLS, AUTH PLAIN LOGIN}. */
    static String extensions(String ehloReply) {
        if (ehloReply == null) {
            return "";
        }
        String[] lines = ehloReply.split("\r?\n");
        return Arrays.stream(lines)
                .skip(1)
                .map(l -> l.length() > 4 ? l.substring(4).trim() : "")
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
    }
}
