package dev.scenarios.connector.smtp.internal.mime;

import java.util.List;

/**
 * One message as the path's template and a scenario's attributes make it, before it becomes MIME. Every value has been
 * checked: no line breaks in header values, allowed header names only, at least one recipient.
 *
 * @param text the plain-text body, or null
 * @param html the HTML body, or null; at least one of the two is present
 * @param replyTo the Reply-To address, or null
 */
public record RenderedMail(
        String subject,
        String text,
        String html,
        List<Mailbox> to,
        List<Mailbox> cc,
        List<Mailbox> bcc,
        Mailbox replyTo,
        List<MailHeader> headers,
        List<MailAttachment> attachments) {

    public RenderedMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        headers = List.copyOf(headers);
        attachments = List.copyOf(attachments);
    }
}
