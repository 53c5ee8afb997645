package dev.scenarios.connector.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectorContext;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** A GreenMail IMAP server on 127.0.0.1 with one mailbox, and the connection and path settings that reach it. */
final class GreenMailImap {

    static final String USER = "support@example.com";
    static final String PASSWORD = "Parol-secret-1";

    private GreenMailImap() {}

    static GreenMailExtension extension() {
        return extension("imap");
    }

    /**
     * GreenMail on 127.0.0.1 for {@code protocol}, with 10 s to start instead of its 2 s: an IMAPS server generating
     * its key on a loaded 2-core machine took longer than 2 s.
     */
    static GreenMailExtension extension(String protocol) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(10_000);
        return new GreenMailExtension(setup);
    }

    static GreenMailUser user(GreenMailExtension greenMail) {
        return greenMail.setUser(USER, USER, PASSWORD);
    }

    static Map<String, Object> connection(GreenMailExtension greenMail) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("systemName", "support_mailbox");
        values.put("server", "127.0.0.1");
        values.put("port", greenMail.getImap().getPort());
        values.put("encryption", "none");
        values.put("authentication", "basic");
        values.put("username", USER);
        values.put("password", PASSWORD);
        values.put("allowInsecureAuthentication", true);
        values.put("pollInterval", "1s");
        values.put("connectTimeout", "5s");
        values.put("readTimeout", "10s");
        values.put("writeTimeout", "10s");
        values.put("journal", "full");
        return values;
    }

    static Map<String, Object> path(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("systemName", "support_requests");
        values.put("connection", "support_mailbox");
        values.putAll(overrides);
        return values;
    }

    static ImapConnection open(GreenMailExtension greenMail, Path data) {
        return open(connection(greenMail), ConnectorContext.of(data));
    }

    /** Opens a connection with {@code values} (e.g. {@link #connection} with another port). */
    static ImapConnection open(Map<String, Object> values, ConnectorContext context) {
        ImapConnectionType type = new ImapConnectionType();
        return type.open(Configuration.of(type.properties(), values), context);
    }

    /** Delivers a mail straight into the user's INBOX. */
    static void deliver(GreenMailUser user, String subject, String text) throws Exception {
        deliver(user, subject, text, null);
    }

    /** Delivers a mail from {@code from} (an address) straight into the user's INBOX. */
    static void deliverFrom(GreenMailUser user, String from, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        user.deliver(message);
    }

    /**
     * The subjects of the mails in {@code folder}, each with its flags (system flags like {@code \Seen} and keywords)
     * as IMAP reports them, in UID order; opens its own IMAP session and reads with {@code BODY.PEEK}.
     */
    static Map<String, Flags> flagsBySubject(GreenMailExtension greenMail, String folder) throws Exception {
        Map<String, Flags> result = new LinkedHashMap<>();
        try (Store store = store(greenMail)) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return result;
            }
            f.open(Folder.READ_ONLY);
            for (Message m : f.getMessages()) {
                result.put(m.getSubject(), m.getFlags());
            }
            f.close(false);
        }
        return result;
    }

    /** Marks the mails of INBOX whose subject is {@code subject} as read ({@code \Seen}), in its own IMAP session. */
    static void markSeen(GreenMailExtension greenMail, String subject) throws Exception {
        try (Store store = store(greenMail)) {
            Folder f = store.getFolder("INBOX");
            f.open(Folder.READ_WRITE);
            for (Message m : f.getMessages()) {
                if (subject.equals(m.getSubject())) {
                    m.setFlag(Flags.Flag.SEEN, true);
                }
            }
            f.close(false);
        }
    }

    private static Store store(GreenMailExtension greenMail) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "5000");
        props.setProperty("mail.imap.peek", "true");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), USER, PASSWORD);
        return store;
    }

    /** Delivers a mail with {@code messageId} (null: a generated one) straight into the user's INBOX. */
    static void deliver(GreenMailUser user, String subject, String text, String messageId) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("client@example.org", "Клиент Иванов", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        user.deliver(message);
    }

    /**
     * The number of messages in {@code folder} of the user's mailbox, 0 when it does not exist; opens its own IMAP
     * session.
     */
    static int count(GreenMailExtension greenMail, String folder) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), USER, PASSWORD);
        try (store) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            int n = f.getMessageCount();
            f.close(false);
            return n;
        }
    }
}
