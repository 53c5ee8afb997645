package dev.scenarios.connector.imap.internal.check;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.CheckResult.Step;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.imap.internal.settings.ImapSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The "check connection" of an {@code imap} connection, step by step: resolve, connect, greeting, capabilities, tls,
 * authenticate, select (INBOX: message count and UIDVALIDITY). The first failing step ends the check; the later ones
 * are reported as skipped. Network I/O bounded by the connection's timeouts; never throws. Nothing in the result holds
 * the password.
 */
public final class ImapCheck {

    private static final List<String> STEPS =
            List.of("resolve", "connect", "greeting", "capabilities", "tls", "authenticate", "select");
    private static final List<String> REPORTED_CAPABILITIES =
            List.of("IDLE", "MOVE", "UIDPLUS", "STARTTLS", "AUTH=PLAIN", "AUTH=LOGIN", "AUTH=XOAUTH2", "AUTH=NTLM");

    /** The detail of a step passed on the way to a later failure: nothing was seen to report. */
    private static final LocalizedMessage NOTHING = LocalizedMessage.verbatim("");

    private final ImapSettings settings;
    private final Messages messages;
    private final List<Step> steps = new ArrayList<>();
    private long started;

    public ImapCheck(ImapSettings settings, Messages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    /** Runs the steps. */
    public CheckResult run() {
        begin();
        InetAddress address;
        try {
            address = InetAddress.getAllByName(settings.server())[0];
        } catch (UnknownHostException e) {
            return fail(
                    "resolve", FailureKind.UNREACHABLE, messages.message("check.resolve.failed", settings.server()), e);
        }
        pass("resolve", messages.message("check.detail.resolve", address.getHostAddress()));
        begin();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, settings.port()), (int)
                    settings.connectTimeout().toMillis());
        } catch (SocketTimeoutException e) {
            return fail(
                    "connect",
                    FailureKind.TIMEOUT,
                    messages.message("check.connect.timeout", settings.server(), String.valueOf(settings.port())),
                    e);
        } catch (IOException e) {
            return fail(
                    "connect",
                    FailureKind.UNREACHABLE,
                    messages.message("check.connect.failed", settings.server(), String.valueOf(settings.port())),
                    e);
        }
        pass(
                "connect",
                messages.message("check.detail.connect", address.getHostAddress(), String.valueOf(settings.port())));
        begin();
        Store store;
        try {
            store = Session.getInstance(settings.sessionProperties()).getStore(settings.protocol());
            store.connect(settings.server(), settings.port(), settings.username(), settings.password());
        } catch (AuthenticationFailedException e) {
            pass("greeting", NOTHING);
            pass("capabilities", NOTHING);
            passTls();
            return fail(
                    "authenticate",
                    FailureKind.AUTHENTICATION,
                    messages.message("check.authenticate.failed", String.valueOf(settings.username())),
                    e);
        } catch (MessagingException e) {
            return failConnect(e);
        }
        try (store) {
            pass("greeting", messages.message("check.detail.greeting"));
            IMAPStore imap = (IMAPStore) store;
            List<String> offered = new ArrayList<>();
            for (String capability : REPORTED_CAPABILITIES) {
                if (imap.hasCapability(capability)) {
                    offered.add(capability);
                }
            }
            pass("capabilities", messages.message("check.detail.capabilities", String.join(" ", offered)));
            passTls();
            pass(
                    "authenticate",
                    "basic".equals(settings.authentication())
                            ? messages.message("check.detail.authenticated", settings.username())
                            : messages.message("check.detail.preauthenticated"));
            begin();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            long uidValidity = ((UIDFolder) inbox).getUIDValidity();
            inbox.close(false);
            pass(
                    "select",
                    messages.message(
                            "check.detail.select", "INBOX", String.valueOf(count), String.valueOf(uidValidity)));
            return CheckResult.succeeded(
                    messages.message("check.succeeded", String.valueOf(count), String.valueOf(uidValidity)), "", steps);
        } catch (MessagingException e) {
            return fail("select", FailureKind.PROTOCOL, messages.message("check.select.failed", "INBOX"), e);
        }
    }

    /** Where a failing {@code store.connect} stopped: TLS, the greeting (time-out), or the protocol. */
    private CheckResult failConnect(MessagingException e) {
        Throwable cause = rootCause(e);
        String text = String.valueOf(e.getMessage());
        if (inChain(e, SSLException.class) || inChain(e, GeneralSecurityException.class) || text.contains("STARTTLS")) {
            pass("greeting", NOTHING);
            pass("capabilities", NOTHING);
            String key = text.contains("STARTTLS") ? "check.tls.notOffered" : "check.tls.failed";
            return fail(
                    "tls",
                    FailureKind.TLS,
                    messages.message(key, String.valueOf(settings.port()), settings.encryption()),
                    e);
        }
        if (cause instanceof SocketTimeoutException) {
            return fail(
                    "greeting",
                    FailureKind.TIMEOUT,
                    messages.message("check.greeting.timeout", String.valueOf(settings.port()), settings.encryption()),
                    e);
        }
        return fail("greeting", FailureKind.PROTOCOL, messages.message("check.greeting.failed", settings.server()), e);
    }

    private void passTls() {
        if ("none".equals(settings.encryption())) {
            steps.add(new Step(
                    "tls",
                    messages.message("step.tls"),
                    Step.Status.SKIPPED,
                    Duration.ZERO,
                    messages.message("check.detail.tls.none")));
        } else {
            pass(
                    "tls",
                    messages.message(
                            "ssl".equals(settings.encryption())
                                    ? "check.detail.tls.ssl"
                                    : "check.detail.tls.starttls"));
        }
    }

    private void begin() {
        started = System.nanoTime();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void pass(String step, LocalizedMessage detail) {
        steps.add(new Step(step, messages.message("step." + step), Step.Status.PASSED, elapsed(), detail));
    }

    private CheckResult fail(String step, FailureKind kind, LocalizedMessage message, Throwable e) {
        String detail = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (rootCause(e) != e
                        ? " (" + rootCause(e).getClass().getSimpleName() + ": "
                                + rootCause(e).getMessage() + ")"
                        : "");
        // The step shows the user's message; the exception stays in the result's detail, for support.
        steps.add(new Step(step, messages.message("step." + step), Step.Status.FAILED, elapsed(), message));
        for (String later : STEPS.subList(STEPS.indexOf(step) + 1, STEPS.size())) {
            steps.add(new Step(
                    later,
                    messages.message("step." + later),
                    Step.Status.SKIPPED,
                    Duration.ZERO,
                    messages.message("check.detail.notReached")));
        }
        return CheckResult.failed(kind, message, detail, steps);
    }

    /**
     * Whether {@code e} or a cause is a {@code type}: a PKIX failure arrives as a bare certificate-path exception, not
     * as an SSLException.
     */
    private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return "ImapCheck[" + settings + ", steps "
                + Arrays.toString(steps.stream()
                        .map(Step::name)
                        .collect(Collectors.toList())
                        .toArray()) + "]";
    }
}
