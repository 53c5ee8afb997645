package dev.scenarios.connector.smtp.internal.mime;

import dev.scenarios.connector.api.DeliveryException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;

/**
 * One recipient or reply address: an optional display name and an address whose domain is already ASCII (IDN domains
 * are converted to punycode, as servers without SMTPUTF8 need).
 *
 * @param name the display name, or null
 * @param address the address, e.g. {@code anna@example.com}
 */
public record Mailbox(String name, String address) {

    /**
     * A mailbox from a display name and an address supplied separately (a {@code {Name, Address}} object). Pure.
     *
     * @param field what to call the value in an error, e.g. {@code To[1]}
     * @throws DeliveryException CONFIGURATION when a part contains a line break or the address is invalid
     */
    public static Mailbox of(String field, String name, String address) throws DeliveryException {
        HeaderSafety.requireSingleLine(field + ".Name", name);
        HeaderSafety.requireSingleLine(field + ".Address", address);
        if (address == null || address.isBlank()) {
            throw PathTexts.configurationError("send.address.missing", field);
        }
        return new Mailbox(name == null || name.isBlank() ? null : name.trim(), checkedAddress(field, address.trim()));
    }

    /**
     * The mailboxes in {@code text}: one or more comma-separated {@code address} or {@code Name <address>}. Pure.
     *
     * @throws DeliveryException CONFIGURATION when the text contains a line break or an invalid address
     */
    public static List<Mailbox> parseList(String field, String text) throws DeliveryException {
        HeaderSafety.requireSingleLine(field, text);
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parse(text, true);
        } catch (AddressException e) {
            throw PathTexts.configurationError("send.address.invalid", field, text);
        }
        List<Mailbox> out = new ArrayList<>();
        for (InternetAddress a : parsed) {
            // The personal name is taken decoded and re-encoded later in UTF-8: the parsed form would
            // keep raw non-ASCII text, or re-encode it in the JVM's default charset.
            out.add(of(field, a.getPersonal(), a.getAddress()));
        }
        return out;
    }

    /** The address as Jakarta Mail writes it: the display name RFC 2047 encoded in UTF-8. Pure. */
    public InternetAddress toInternetAddress() {
        try {
            return new InternetAddress(address, name, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static String checkedAddress(String field, String address) throws DeliveryException {
        int at = address.lastIndexOf('@');
        String ascii = address;
        if (at > 0) {
            try {
                ascii = address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1), IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw PathTexts.configurationError("send.address.invalid", field, address);
            }
        }
        try {
            InternetAddress parsed = new InternetAddress(ascii, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(ascii) || !ascii.contains("@")) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException e) {
            throw PathTexts.configurationError("send.address.invalid", field, address);
        }
        return ascii;
    }
}
