package dev.scenarios.connector.smtp.internal.mime;

import java.net.IDN;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Mints Message-IDs unique across threads, processes and machines: 128 bits from a {@link SecureRandom} (Jakarta's own
 * ids are hash code, counter and milliseconds, so two processes started alike mint the same id in the same
 * millisecond), then the time in milliseconds so ids sort roughly by age when read. Thread-safe, no I/O after the first
 * call seeds the generator.
 */
public final class MessageIds {

    /**
     * One DRBG per thread, seeded once from the system's entropy: the default {@code new SecureRandom()} on Linux reads
     * {@code /dev/urandom} under one global lock on every call, which cost concurrent sessions a fifth of their
     * throughput.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(MessageIds::newGenerator);

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int RANDOM_BYTES = 16;

    private MessageIds() {}

    /** A new {@code <random.time@domain>}; {@code domain} is the sender's (e.g. {@code example.com}). */
    public static String mint(String domain) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.get().nextBytes(random);
        StringBuilder id = new StringBuilder(64).append('<');
        // Base32, 5 bits a character: 26 characters for 128 bits.
        int buffer = 0;
        int bits = 0;
        for (byte b : random) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                id.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            id.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return id.append('.')
                .append(Long.toString(System.currentTimeMillis(), 36))
                .append('@')
                .append(ascii(domain))
                .append('>')
                .toString();
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** The domain as a header may carry it: ASCII (punycode for an IDN), "localhost" when unusable. */
    private static String ascii(String domain) {
        if (domain == null || domain.isBlank()) {
            return "localhost";
        }
        try {
            return IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }
}
