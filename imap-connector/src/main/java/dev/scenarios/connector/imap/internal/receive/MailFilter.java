package dev.scenarios.connector.imap.internal.receive;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which mails of a folder an {@code imap-receive} path hands: the path's filters ({@code from},
 * {@code subjectContains}, {@code unseenOnly}) and, with {@code afterSuccess: keyword}, "not yet flagged with the
 * keyword". The subject, the read flag and the keyword go to the server as one IMAP {@code SEARCH} ({@code SUBJECT},
 * {@code UNSEEN}, {@code UNKEYWORD}), so a mail that does not match is neither fetched nor touched. {@code from} is
 * matched here, on the addresses of the {@code ENVELOPE} the poll fetches (which never sets {@code \Seen}): servers
 * disagree on {@code SEARCH FROM} (GreenMail compares whole addresses, others also match the display name), and the
 * setting promises "the address or the domain contains". A mail that does not match stays in the folder untouched.
 * Pure.
 *
 * @param from a text the sender's address contains (an address or a domain), or null; compared ignoring case
 * @param subjectContains a substring of the subject, or null (IMAP matches it case-insensitively)
 * @param unseenOnly true to hand only mails without {@code \Seen}
 * @param withoutKeyword a keyword the handed mails must not carry, or null
 */
public record MailFilter(String from, String subjectContains, boolean unseenOnly, String withoutKeyword) {

    /**
     * Whether {@code message}'s From has an address containing {@code from}, ignoring case; true without a {@code from}
     * filter. Reads the envelope the caller fetched; no I/O then.
     */
    public boolean acceptsSender(Message message) throws MessagingException {
        if (from == null) {
            return true;
        }
        Address[] senders = message.getFrom();
        String wanted = from.toLowerCase(Locale.ROOT);
        for (Address sender : senders == null ? new Address[0] : senders) {
            if (sender instanceof InternetAddress address
                    && address.getAddress() != null
                    && address.getAddress().toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The server-side part, for {@code IMAPFolder.search} (Angus sends one IMAP SEARCH); null when there is none. */
    public SearchTerm searchTerm() {
        List<SearchTerm> terms = new ArrayList<>();
        if (subjectContains != null) {
            terms.add(new SubjectTerm(subjectContains));
        }
        if (unseenOnly) {
            terms.add(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        }
        if (withoutKeyword != null) {
            terms.add(new FlagTerm(new Flags(withoutKeyword), false));
        }
        return switch (terms.size()) {
            case 0 -> null;
            case 1 -> terms.get(0);
            default -> new AndTerm(terms.toArray(SearchTerm[]::new));
        };
    }
}
