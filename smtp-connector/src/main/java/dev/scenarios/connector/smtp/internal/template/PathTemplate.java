package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.ValidationResult;
import dev.scenarios.connector.smtp.internal.mime.HeaderSafety;
import dev.scenarios.connector.smtp.internal.mime.MailAttachment;
import dev.scenarios.connector.smtp.internal.mime.MailHeader;
import dev.scenarios.connector.smtp.internal.mime.Mailbox;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import dev.scenarios.connector.smtp.internal.mime.RenderedMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A validated {@code smtp-send} path compiled for sending: declared attributes, parsed templates, fixed recipients,
 * headers and attachments (files read once). {@link #render} turns a scenario's attributes into a checked
 * {@link RenderedMail}. Immutable and thread-safe.
 */
public final class PathTemplate {

    private record HeaderTemplate(String name, Template value) {}

    private final Map<String, DeclaredAttribute> declared;
    private final Template subject;
    private final Template body;
    private final Template htmlBody;
    private final List<Mailbox> to;
    private final List<Mailbox> cc;
    private final List<Mailbox> bcc;
    private final Mailbox replyTo;
    private final List<HeaderTemplate> headers;
    private final List<MailAttachment> attachments;
    /** The path's {@code language}: how durations read in the message; null when it names none. */
    private final Locale language;

    private PathTemplate(
            Map<String, DeclaredAttribute> declared,
            Template subject,
            Template body,
            Template htmlBody,
            List<Mailbox> to,
            List<Mailbox> cc,
            List<Mailbox> bcc,
            Mailbox replyTo,
            List<HeaderTemplate> headers,
            List<MailAttachment> attachments,
            Locale language) {
        this.language = language;
        this.declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
        this.subject = subject;
        this.body = body;
        this.htmlBody = htmlBody;
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.bcc = List.copyOf(bcc);
        this.replyTo = replyTo;
        this.headers = List.copyOf(headers);
        this.attachments = List.copyOf(attachments);
    }

    /**
     * What compiling a path gives: its problems, or, when it has none, the template.
     *
     * @param problems every problem of the path, as {@code SmtpSendPathType.validate} reports them
     * @param template the compiled template; null exactly when {@code problems} is not valid
     */
    public record Compilation(ValidationResult problems, PathTemplate template) {}

    /**
     * Validates a path {@code configuration} and, when it is valid, compiles it in the same pass: each template is
     * parsed once, by the validation. Reads the fixed attachment files of a valid path (I/O, once). Called by
     * {@code SmtpSendPathType.bind}.
     *
     * @throws IllegalArgumentException naming the property and file when an attachment file cannot be read
     */
    public static Compilation compile(Configuration configuration) {
        return compile(configuration, Path::of);
    }

    /**
     * Like {@link #compile(Configuration)}, with {@code files} turning an attachment's {@code file} into a path: the
     * connection's {@code ConnectorContext::resolveFile}.
     *
     * @throws IllegalArgumentException as {@link #compile(Configuration)}, or from {@code files}
     */
    public static Compilation compile(Configuration configuration, Function<String, Path> files) {
        Map<String, Template> parsed = new HashMap<>();
        ValidationResult problems = SendPathValidation.validate(configuration, parsed::put);
        if (!problems.isValid()) {
            return new Compilation(problems, null);
        }
        Map<String, DeclaredAttribute> declared = new LinkedHashMap<>();
        for (DeclaredAttribute a : SendPathValidation.declaredAttributes(configuration)) {
            declared.put(a.name(), a);
        }
        List<HeaderTemplate> headers = new ArrayList<>();
        List<Map<String, Object>> headerItems = configuration.objects("headers");
        for (int i = 0; i < headerItems.size(); i++) {
            headers.add(new HeaderTemplate(
                    String.valueOf(headerItems.get(i).get("name")).trim(),
                    parsedOrEmpty(parsed, "headers[" + i + "].value")));
        }
        List<MailAttachment> attachments = new ArrayList<>();
        List<Map<String, Object>> fixed = configuration.objects("attachments");
        for (int i = 0; i < fixed.size(); i++) {
            attachments.add(fixedAttachment("attachments[" + i + "]", fixed.get(i), files));
        }
        try {
            return new Compilation(
                    problems,
                    new PathTemplate(
                            declared,
                            parsedOrEmpty(parsed, "subject"),
                            parsed.get("body"),
                            parsed.get("htmlBody"),
                            mailboxes("to", configuration.strings("to")),
                            mailboxes("cc", configuration.strings("cc")),
                            mailboxes("bcc", configuration.strings("bcc")),
                            configuration.optionalString("replyTo").isPresent()
                                    ? Mailbox.parseList("replyTo", configuration.string("replyTo"))
                                            .get(0)
                                    : null,
                            headers,
                            attachments,
                            configuration
                                    .optionalString("language")
                                    .map(Locale::forLanguageTag)
                                    .orElse(null)));
        } catch (DeliveryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The template validation parsed for {@code property}; an empty one where the text was empty and so not parsed. */
    private static Template parsedOrEmpty(Map<String, Template> parsed, String property) {
        Template template = parsed.get(property);
        return template != null ? template : Template.parse("");
    }

    /** The declared attributes by name, in declaration order. */
    public Map<String, DeclaredAttribute> declaredAttributes() {
        return declared;
    }

    /**
     * The message for {@code attributes}: declared attributes rendered into the templates (HTML escaped in
     * {@code htmlBody}), predefined ones read as recipients, attachments and headers; other keys ignored. Pure.
     *
     * @throws DeliveryException CONFIGURATION naming the attribute or field when a value is missing, of the wrong type,
     *     contains a line break where a header needs one line, or when the message would have no recipient
     */
    public RenderedMail render(Map<String, ?> attributes) throws DeliveryException {
        Map<String, ?> given = attributes == null ? Map.of() : attributes;
        Map<String, String> values = new HashMap<>();
        for (DeclaredAttribute a : declared.values()) {
            a.renderInto(given.get(a.name()), values, language);
        }
        String renderedSubject = subject.render(values::get);
        HeaderSafety.requireSingleLine("subject", renderedSubject);
        HeaderSafety.requireShortLines("subject", "Subject", renderedSubject);
        List<MailHeader> renderedHeaders = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String value = headers.get(i).value().render(values::get);
            HeaderSafety.requireSingleLine("headers[" + i + "].value", value);
            renderedHeaders.add(new MailHeader(headers.get(i).name(), value));
        }
        renderedHeaders.addAll(PredefinedAttributes.customHeaders(given.get(PredefinedAttributes.CUSTOM_HEADERS)));
        List<Mailbox> allTo = concat(
                to, PredefinedAttributes.recipients(PredefinedAttributes.TO, given.get(PredefinedAttributes.TO)));
        List<Mailbox> allCc = concat(
                cc, PredefinedAttributes.recipients(PredefinedAttributes.CC, given.get(PredefinedAttributes.CC)));
        List<Mailbox> allBcc = concat(
                bcc, PredefinedAttributes.recipients(PredefinedAttributes.BCC, given.get(PredefinedAttributes.BCC)));
        if (allTo.isEmpty() && allCc.isEmpty() && allBcc.isEmpty()) {
            throw PathTexts.configurationError("send.noRecipients");
        }
        List<MailAttachment> allAttachments = new ArrayList<>(attachments);
        allAttachments.addAll(PredefinedAttributes.attachments(given.get(PredefinedAttributes.ATTACHMENTS)));
        return new RenderedMail(
                renderedSubject,
                body == null ? null : body.render(values::get),
                htmlBody == null ? null : htmlBody.render(name -> escapeHtml(values.get(name))),
                allTo,
                allCc,
                allBcc,
                replyTo,
                renderedHeaders,
                allAttachments);
    }

    private static MailAttachment fixedAttachment(
            String field, Map<String, Object> item, Function<String, Path> files) {
        String name = String.valueOf(item.get("name")).trim();
        String contentType = stringOrNull(item.get("contentType"));
        contentType = contentType == null || contentType.isBlank()
                ? MailAttachment.guessContentType(name)
                : contentType.trim();
        String file = stringOrNull(item.get("file"));
        byte[] content;
        if (file != null && !file.isBlank()) {
            Path path = files.apply(file.trim());
            try {
                content = Files.readAllBytes(path);
            } catch (IOException | SecurityException e) {
                throw new IllegalArgumentException(
                        field + ".file: cannot read " + path + " ("
                                + e.getClass().getSimpleName() + ")",
                        e);
            }
        } else {
            content = PredefinedAttributes.decodeBase64(String.valueOf(item.get("content")));
        }
        return new MailAttachment(name, contentType, content);
    }

    private static List<Mailbox> mailboxes(String property, List<String> texts) throws DeliveryException {
        List<Mailbox> out = new ArrayList<>();
        for (String text : texts) {
            out.addAll(Mailbox.parseList(property, text));
        }
        return out;
    }

    private static List<Mailbox> concat(List<Mailbox> fixed, List<Mailbox> given) {
        List<Mailbox> out = new ArrayList<>(fixed);
        out.addAll(given);
        return out;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Escapes the five characters that could open markup or end an attribute value. */
    static String escapeHtml(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
