package dev.scenarios.connector.smtp.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the secret-leak tests need to see everything a run prints, and the encodings a secret may hide in. */
public final class Captured {

    private Captured() {}

    /** A stream that writes to {@code original} and also into {@code captured}; for {@code System.setOut/setErr}. */
    public static PrintStream tee(OutputStream original, ByteArrayOutputStream captured) {
        return new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int c) {
                        try {
                            original.write(c);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        synchronized (captured) {
                            captured.write(c);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }

    /** {@code text} in UTF-8, Base64-encoded, as it would travel in an AUTH exchange. */
    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
