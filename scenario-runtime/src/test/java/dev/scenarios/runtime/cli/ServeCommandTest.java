package dev.scenarios.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.Connectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scenario serve} as an operator runs it: what it prints, the token it uses, and its exit codes. */
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("Console: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final String TOKEN = "token-from-the-environment-42";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CommandLine commandLine() {
        return ScenarioCommand.commandLine(new CliContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Connectors.fromClassPath(),
                Map.of("CONSOLE_TOKEN", TOKEN),
                Locale.ENGLISH));
    }

    @Test
    void servesTheApiWithTheTokenFromTheEnvironmentUntilStopped() throws Exception {
        CommandLine line = commandLine();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> line.execute("serve", dir.toString(), "--port", "0", "--token", "${env:CONSOLE_TOKEN}"));
        String url = awaitUrl(exit);

        assertThat(get(url + "api/types", TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(url + "api/types", null).statusCode()).isEqualTo(401);
        assertThat(out.toString())
                .contains("Admin token: the one given with --token")
                .doesNotContain(TOKEN);

        ((ServeCommand) line.getSubcommands().get("serve").getCommand()).stop();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void withoutATokenOneIsGeneratedIntoTheDataFolderAndOnlyItsFileIsPrinted() throws Exception {
        CommandLine line = commandLine();
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(() -> line.execute("serve", dir.toString(), "--port", "0"));
        String url = awaitUrl(exit);

        Path file = dir.resolve("data/console-token");
        String token = Files.readString(file).trim();
        assertThat(out.toString()).contains("Admin token: in " + file).doesNotContain(token);
        assertThat(get(url + "api/connections", token).statusCode()).isEqualTo(200);

        ((ServeCommand) line.getSubcommands().get("serve").getCommand()).stop();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void withTheDevInboxChecksGoThereAndTheRealPasswordIsNotNeeded() throws Exception {
        Files.createDirectories(dir.resolve("connections"));
        Files.writeString(dir.resolve("connections/mail.yaml"), """
                type: smtp
                systemName: mail
                server: smtp.example.com
                port: 587
                encryption: tls
                authentication: basic
                username: shop@example.com
                password: ${env:SMTP_PASSWORD_NOT_SET_HERE}
                senderAddress: shop@example.com
                checkWithoutSending: true
                """);
        CommandLine line = commandLine();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                line.execute("serve", dir.toString(), "--port", "0", "--token", "${env:CONSOLE_TOKEN}", "--dev-inbox"));
        String url = awaitUrl(exit);
        assertThat(out.toString()).contains("[dev-inbox] SMTP on 127.0.0.1:").doesNotContain("problem");

        HttpResponse<String> check = client.send(
                HttpRequest.newBuilder(URI.create(url + "api/connections/mail/check?lang=en"))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-Admin-Token", TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("\"status\":\"SUCCEEDED\"").contains("GreenMail");

        ((ServeCommand) line.getSubcommands().get("serve").getCommand()).stop();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void anUnsetTokenVariableOrAMissingWorkspaceExitsTwo() {
        assertThat(commandLine().execute("serve", dir.toString(), "--port", "0", "--token", "${env:NOT_SET}"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--token: environment variable NOT_SET is not set");

        assertThat(commandLine().execute("serve", dir.resolve("missing").toString(), "--port", "0"))
                .as(err::toString)
                .isEqualTo(2);
        assertThat(err.toString()).contains("not a workspace folder").contains("Usage: scenario serve");
    }

    @Test
    void helpShowsTheOptions() {
        assertThat(commandLine().execute("serve", "--help")).isZero();
        assertThat(out.toString())
                .contains("--port")
                .contains("--host")
                .contains("--dev-inbox")
                .contains("--token=TOKEN")
                .contains("best given as ${env:NAME}");
    }

    private String awaitUrl(CompletableFuture<Integer> exit) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String printed = out.toString();
            Matcher m = LISTENING.matcher(printed);
            // The token line comes right after the address: wait for both, or a test may read between them.
            if (m.find() && printed.contains("Admin token:")) {
                return m.group(1);
            }
            if (exit.isDone()) {
                throw new AssertionError("serve ended early: " + out + err);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("serve printed no address within 20 s: " + out + err);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("X-Admin-Token", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
