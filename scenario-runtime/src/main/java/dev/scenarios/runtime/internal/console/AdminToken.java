package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's admin token: every {@code /api/*} request must carry it in a header. Either given by the operator
 * ({@code --token ${env:NAME}}) or generated at first start into {@code <workspace>/data/console-token} with
 * permissions 600 and reused afterwards. {@link #toString()} never shows it.
 */
public final class AdminToken {

    /** The file name under the workspace's data folder. */
    public static final String FILE_NAME = "console-token";

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([^}]+)}");

    private final byte[] value;
    private final Optional<Path> file;

    private AdminToken(String value, Path file) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
        this.file = Optional.ofNullable(file);
    }

    /**
     * The operator's token {@code option}: {@code ${env:NAME}} reads {@code environment}, anything else is the token
     * itself.
     *
     * @throws IllegalArgumentException naming {@code --token} (never the value) when it is blank or the variable is
     *     unset
     */
    public static AdminToken given(String option, Map<String, String> environment) {
        Matcher m = ENV_REFERENCE.matcher(option.trim());
        String token = m.matches() ? environment.get(m.group(1).trim()) : option.trim();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(
                    m.matches()
                            ? "--token: environment variable " + m.group(1).trim() + " is not set"
                            : "--token: must not be empty");
        }
        if (token.trim().length() < 16) {
            throw new IllegalArgumentException("--token: must be at least 16 characters long");
        }
        return new AdminToken(token.trim(), null);
    }

    /**
     * The token stored in {@code dataDirectory/console-token}, created (owner read/write only) with 32 random bytes
     * when missing. Does file I/O.
     */
    public static AdminToken stored(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        Files.createDirectories(dataDirectory);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                create(file);
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
                return new AdminToken(token, file);
            } catch (FileAlreadyExistsException raced) {
                // another console started at the same moment: read what it wrote
            }
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IOException(file + " is empty: delete it to generate a new token");
        }
        return new AdminToken(token, file);
    }

    private static void create(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // created with 600 from the start, so there is no moment when others could read it
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Whether {@code candidate} is the token, in time independent of where they differ. Pure. */
    public boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(value, candidate.trim().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code headers} carry the token, as {@code Authorization: Bearer <token>} or {@code X-Admin-Token:
     * <token>}: the one rule of every authenticated console API call. Pure.
     */
    public boolean authorizes(Headers headers) {
        String bearer = headers.getFirst("Authorization");
        if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(bearer.substring(7));
        }
        return matches(headers.getFirst("X-Admin-Token"));
    }

    /** The file the token was read from or written to; empty when given with {@code --token}. */
    public Optional<Path> file() {
        return file;
    }

    @Override
    public String toString() {
        return "AdminToken[" + file.map(Path::toString).orElse("--token") + "]";
    }
}
