package dev.scenarios.connector.smtp.internal.transport;

/**
 * Names Angus's stream provider in the system property Jakarta Mail reads first. jakarta.mail-api 2.1 looks the
 * provider up with a fresh {@link java.util.ServiceLoader} scan of the class path on every body part written and every
 * encoder made; in a profile of the path pipeline that lookup was about a third of all CPU time. With the property set
 * the lookup is a plain class instantiation. It names the provider the scan would find anyway (the one in angus-mail),
 * and an existing value set by the host is left alone.
 */
public final class MailStreamProviders {

    private static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviders() {}

    /** Sets the property unless the host already chose a provider. Called when a connection opens. */
    public static void preferAngus() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
