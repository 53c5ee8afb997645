package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.smtp.internal.mime.HeaderSafety;
import dev.scenarios.connector.smtp.internal.mime.MailAttachment;
import dev.scenarios.connector.smtp.internal.mime.MailHeader;
import dev.scenarios.connector.smtp.internal.mime.Mailbox;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attributes every {@code smtp-send} path has without declaring them: {@code To}, {@code Cc}, {@code Bcc},
 * {@code Attachments} and {@code CustomHeaders}. Reads their values as a scenario supplies them (maps and lists from
 * YAML or JSON, or plain strings) into checked mail parts. Pure.
 */
public final class PredefinedAttributes {

    public static final String TO = "To";
    public static final String CC = "Cc";
    public static final String BCC = "Bcc";
    public static final String ATTACHMENTS = "Attachments";
    public static final String CUSTOM_HEADERS = "CustomHeaders";

    /** The predefined names, which declared attributes and placeholders may not use. */
    public static final Set<String> NAMES = Set.of(TO, CC, BCC, ATTACHMENTS, CUSTOM_HEADERS);

    private PredefinedAttributes() {}

    /** The predefined name {@code name} equals ignoring case, or null: {@code to} would only confuse readers. */
    public static String clashingName(String name) {
        for (String predefined : NAMES) {
            if (predefined.equalsIgnoreCase(name)) {
                return predefined;
            }
        }
        return null;
    }

    /**
     * The recipients in the value of {@code To}, {@code Cc} or {@code Bcc}: a list of {@code {Name, Address}} objects
     * or of address strings, one such object, or one string (comma-separated addresses allowed). Empty when
     * {@code value} is null.
     *
     * @throws DeliveryException CONFIGURATION naming the item, e.g. {@code To[1].Address}
     */
    public static List<Mailbox> recipients(String attribute, Object value) throws DeliveryException {
        List<Mailbox> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                out.addAll(recipientItem(attribute + "[" + i++ + "]", item));
            }
        } else {
            out.addAll(recipientItem(attribute, value));
        }
        return out;
    }

    private static List<Mailbox> recipientItem(String field, Object item) throws DeliveryException {
        if (item instanceof String s) {
            return Mailbox.parseList(field, s);
        }
        if (item instanceof Map<?, ?> map) {
            return List.of(Mailbox.of(field, text(map, "Name"), text(map, "Address")));
        }
        throw PathTexts.configurationError("send.recipient.shape", field);
    }

    /**
     * The attachments in the value of {@code Attachments}: a list of {@code {Name, Content}} objects (Content in
     * Base64, optional {@code ContentType} and {@code Extension}), or one such object.
     *
     * @throws DeliveryException CONFIGURATION naming the item, e.g. {@code Attachments[0].Content}
     */
    public static List<MailAttachment> attachments(Object value) throws DeliveryException {
        List<MailAttachment> out = new ArrayList<>();
        int i = 0;
        for (Object item : items(value)) {
            String field = ATTACHMENTS + "[" + i++ + "]";
            if (!(item instanceof Map<?, ?> map)) {
                throw PathTexts.configurationError("send.attachment.shape", field);
            }
            String name = text(map, "Name");
            HeaderSafety.requireSingleLine(field + ".Name", name);
            if (name == null || name.isBlank()) {
                throw PathTexts.configurationError("send.attachment.name", field + ".Name");
            }
            String extension = text(map, "Extension");
            HeaderSafety.requireSingleLine(field + ".Extension", extension);
            if (extension != null && !extension.isBlank()) {
                String dotted = extension.startsWith(".") ? extension : "." + extension;
                if (!name.toLowerCase(Locale.ROOT).endsWith(dotted.toLowerCase(Locale.ROOT))) {
                    name = name + dotted;
                }
            }
            byte[] content = content(field + ".Content", field(map, "Content"));
            String contentType = text(map, "ContentType");
            if (contentType == null || contentType.isBlank()) {
                contentType = MailAttachment.guessContentType(name);
            } else if (!MailAttachment.isValidContentType(contentType)) {
                throw PathTexts.configurationError("send.attachment.contentType", field + ".ContentType");
            }
            out.add(new MailAttachment(name, contentType.trim(), content));
        }
        return out;
    }

    /**
     * The headers in the value of {@code CustomHeaders}: a list of {@code {Name, Value, ListValues}} objects, or one.
     * {@code ListValues} (the seed's unnamed values) adds one header field of that name per value, after
     * {@code Value}'s.
     *
     * @throws DeliveryException CONFIGURATION when a name is not allowed or a part contains a line break
     */
    public static List<MailHeader> customHeaders(Object value) throws DeliveryException {
        List<MailHeader> out = new ArrayList<>();
        int i = 0;
        for (Object item : items(value)) {
            String field = CUSTOM_HEADERS + "[" + i++ + "]";
            if (!(item instanceof Map<?, ?> map)) {
                throw PathTexts.configurationError("send.header.shape", field);
            }
            String name = text(map, "Name");
            HeaderSafety.requireSingleLine(field + ".Name", name);
            if (!HeaderSafety.isAllowedCustomHeader(name == null ? null : name.trim())) {
                throw PathTexts.configurationError(
                        "send.header.forbidden", field + ".Name", String.valueOf(name), HeaderSafety.allowedNames());
            }
            String headerValue = text(map, "Value");
            HeaderSafety.requireSingleLine(field + ".Value", headerValue);
            Object listValues = field(map, "ListValues");
            if (headerValue != null || listValues == null) {
                out.add(new MailHeader(name.trim(), headerValue == null ? "" : headerValue));
            }
            int j = 0;
            for (Object listValue : items(listValues)) {
                String at = field + ".ListValues[" + j++ + "]";
                if (listValue instanceof Map<?, ?> || listValue instanceof Collection<?>) {
                    throw PathTexts.configurationError("send.header.listValue", at);
                }
                String one = listValue == null ? "" : String.valueOf(listValue);
                HeaderSafety.requireSingleLine(at, one);
                out.add(new MailHeader(name.trim(), one));
            }
        }
        return out;
    }

    /** Decodes Base64 text, ignoring line breaks and spaces as MIME-wrapped Base64 has them. */
    static byte[] decodeBase64(String text) {
        return Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
    }

    private static byte[] content(String field, Object value) throws DeliveryException {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (!(value instanceof String s)) {
            throw PathTexts.configurationError("send.attachment.content", field);
        }
        try {
            return decodeBase64(s);
        } catch (IllegalArgumentException e) {
            throw PathTexts.configurationError("send.attachment.base64", field);
        }
    }

    private static Collection<?> items(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof Collection<?> c ? c : List.of(value);
    }

    private static Object field(Map<?, ?> map, String key) {
        Object exact = map.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (key.equalsIgnoreCase(String.valueOf(e.getKey()))) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = field(map, key);
        return v == null ? null : String.valueOf(v);
    }
}
