package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.internal.text.MessageParts;
import dev.scenarios.runtime.internal.text.MessageSummary;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev inbox's messages under {@code /api/dev-inbox}, for the dev-inbox page and for scripts:
 *
 * <ul>
 *   <li>{@code GET /api/dev-inbox} lists the kept messages, newest first (envelope, decoded headers, date, size,
 *       attachment names, the first lines of text);
 *   <li>{@code DELETE /api/dev-inbox} forgets them all, in memory and in {@code data/dev-inbox/};
 *   <li>{@code GET /api/dev-inbox/<id>} downloads one as it was received ({@code message/rfc822}, an {@code .eml});
 *   <li>{@code GET /api/dev-inbox/<id>/parts}: its headers, text and HTML bodies and attachments
 *       ({@link MessageParts}); the HTML is untrusted mail, which the page shows only in a sandboxed frame;
 *   <li>{@code GET /api/dev-inbox/<id>/attachments/<n>} downloads attachment {@code n}, always as
 *       {@code application/octet-stream} with its file name (RFC 6266), so that no browser renders it in the console's
 *       origin.
 * </ul>
 *
 * Needs the admin token like every API call; answers 404 when the console runs without {@code --dev-inbox}. Called on
 * the console's HTTP threads; reads memory and, for a folder other processes write, the folder.
 */
final class DevInboxApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DevInboxApi.class);

    /** {@code /<id>/parts} and {@code /<id>/attachments/<n>}. */
    private static final java.util.regex.Pattern PART =
            java.util.regex.Pattern.compile("/([0-9]{1,18})(/parts|/attachments/([0-9]{1,6}))");

    private final DevInbox inbox;
    private final AdminToken token;

    /** {@code inbox} null: the console runs without {@code --dev-inbox}. */
    DevInboxApi(DevInbox inbox, AdminToken token) {
        this.inbox = inbox;
        this.token = token;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Locale locale = Locales.of(exchange);
        try (exchange) {
            if (!token.authorizes(exchange.getRequestHeaders())) {
                HttpReplies.error(exchange, 401, ConsoleTexts.get(locale, "error.token"));
                return;
            }
            String rest = exchange.getRequestURI().getRawPath().substring("/api/dev-inbox".length());
            boolean root = rest.isEmpty() || rest.equals("/");
            String method = exchange.getRequestMethod();
            String allowed = root ? "GET, DELETE" : "GET";
            if (!method.equals("GET") && !(root && method.equals("DELETE"))) {
                exchange.getResponseHeaders().set("Allow", allowed);
                HttpReplies.error(exchange, 405, ConsoleTexts.get(locale, "error.method", allowed));
                return;
            }
            if (inbox == null) {
                HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.noDevInbox"));
                return;
            }
            java.util.regex.Matcher part = PART.matcher(rest);
            if (root && method.equals("DELETE")) {
                inbox.clear();
                HttpReplies.json(exchange, 204, null);
            } else if (root) {
                HttpReplies.json(exchange, 200, list());
            } else if (rest.matches("/[0-9]{1,18}")) {
                download(exchange, Long.parseLong(rest.substring(1)), locale);
            } else if (part.matches()) {
                DevInbox.KeptMessage m =
                        inbox.kept(Long.parseLong(part.group(1))).orElse(null);
                if (m == null) {
                    notKept(exchange, Long.parseLong(part.group(1)), locale);
                } else if (part.group(2).equals("/parts")) {
                    HttpReplies.json(exchange, 200, MessageParts.of(m.message()));
                } else {
                    attachment(exchange, m, Integer.parseInt(part.group(3)), locale);
                }
            } else {
                HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.notFound"));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // the class only, as ConsoleApi does: a message could quote the mail's content
            LOG.warn(
                    "dev inbox request failed: {}: {}",
                    exchange.getRequestURI().getRawPath(),
                    e.getClass().getName());
            HttpReplies.error(exchange, 500, ConsoleTexts.get(locale, "error.internal"));
        }
    }

    private Map<String, Object> list() throws MessagingException {
        List<Object> messages = new ArrayList<>();
        List<DevInbox.KeptMessage> kept = inbox.kept();
        for (int i = kept.size() - 1; i >= 0; i--) {
            DevInbox.KeptMessage m = kept.get(i);
            MessageSummary summary = MessageSummary.of(m.message(), m.recipients());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", m.id());
            entry.put("receivedAt", m.receivedAt().toString());
            entry.put("envelopeFrom", m.envelopeFrom());
            entry.put("recipients", m.recipients());
            entry.put("from", summary.from());
            entry.put("to", summary.to());
            entry.put("cc", summary.cc());
            entry.put("bcc", summary.bcc());
            entry.put("subject", summary.subject());
            Date date = m.message().getSentDate();
            entry.put("date", date == null ? null : date.toInstant().toString());
            entry.put("size", m.size());
            entry.put("attachments", summary.attachments());
            entry.put("text", summary.text());
            messages.add(entry);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("smtp", inbox.host() + ":" + inbox.port());
        out.put("accepted", inbox.acceptedCount());
        out.put("keptAtMost", DevInbox.KEPT);
        out.put("messages", messages);
        return out;
    }

    private void download(HttpExchange exchange, long id, Locale locale) throws IOException, MessagingException {
        DevInbox.KeptMessage m = inbox.kept(id).orElse(null);
        if (m == null) {
            notKept(exchange, id, locale);
            return;
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.message().writeTo(raw);
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"dev-inbox-" + id + ".eml\"");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpReplies.bytes(exchange, 200, "message/rfc822", raw.toByteArray());
    }

    private static void notKept(HttpExchange exchange, long id, Locale locale) throws IOException {
        HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.devInboxMessage", id, DevInbox.KEPT));
    }

    private void attachment(HttpExchange exchange, DevInbox.KeptMessage m, int index, Locale locale)
            throws IOException, MessagingException {
        Part part = MessageParts.attachment(m.message(), index).orElse(null);
        if (part == null) {
            HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.devInboxAttachment", m.id(), index));
            return;
        }
        String name = MessageParts.fileName(part);
        if (name.isBlank()) {
            name = "dev-inbox-" + m.id() + "-part-" + index;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Disposition", contentDisposition(name));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpReplies.bytes(exchange, 200, "application/octet-stream", bytes);
    }

    /**
     * {@code attachment} with the file name twice (RFC 6266): plain ASCII for old clients, the exact name UTF-8
     * percent-encoded in {@code filename*}. Pure.
     */
    static String contentDisposition(String fileName) {
        String ascii =
                fileName.replaceAll("[^\\x20-\\x7e]", "_").replace('"', '_').replace('\\', '_');
        String exact = URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }
}
