package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.internal.text.MessageSummary;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev inbox's messages under {@code /api/dev-inbox}: {@code GET /api/dev-inbox} lists the kept messages, newest
 * first (envelope, decoded headers, attachment names, the first lines of text); {@code GET /api/dev-inbox/<id>}
 * downloads one as it was received ({@code message/rfc822}, an {@code .eml} file). Needs the admin token like every API
 * call; answers 404 when the console runs without {@code --dev-inbox}. Called on the console's HTTP threads; reads
 * memory only.
 */
final class DevInboxApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DevInboxApi.class);

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
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                HttpReplies.error(exchange, 405, ConsoleTexts.get(locale, "error.method", "GET"));
                return;
            }
            if (inbox == null) {
                HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.noDevInbox"));
                return;
            }
            String rest = exchange.getRequestURI().getRawPath().substring("/api/dev-inbox".length());
            if (rest.isEmpty() || rest.equals("/")) {
                HttpReplies.json(exchange, 200, list());
            } else if (rest.matches("/[0-9]{1,18}")) {
                download(exchange, Long.parseLong(rest.substring(1)), locale);
            } else {
                HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.notFound"));
            }
        } catch (MessagingException | RuntimeException e) {
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
            HttpReplies.error(exchange, 404, ConsoleTexts.get(locale, "error.devInboxMessage", id, DevInbox.KEPT));
            return;
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.message().writeTo(raw);
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"dev-inbox-" + id + ".eml\"");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpReplies.bytes(exchange, 200, "message/rfc822", raw.toByteArray());
    }
}
