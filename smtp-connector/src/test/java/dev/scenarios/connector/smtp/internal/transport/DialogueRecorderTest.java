package dev.scenarios.connector.smtp.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialogueRecorderTest {

    @Test
    void redactsAuthExchangesAndMessageContent() {
        String trace = String.join(
                "\n",
                "220 mail.example.com ESMTP",
                "EHLO client",
                "250-mail.example.com",
                "250 AUTH PLAIN LOGIN",
                "AUTH PLAIN AGFsaWNlAFBhNTU=",
                "235 2.7.0 ok",
                "AUTH LOGIN",
                "334 VXNlcm5hbWU6",
                "YWxpY2U=",
                "334 UGFzc3dvcmQ6",
                "UGE1NQ==",
                "535 5.7.8 failed",
                "MAIL FROM:<robot@example.com>",
                "250 ok",
                "DATA",
                "354 go ahead",
                "Subject: private",
                "",
                "confidential body",
                ".",
                "250 2.0.0 Ok: queued as 1",
                "QUIT");
        String redacted = DialogueRecorder.redact(trace);
        assertThat(redacted)
                .doesNotContain("AGFsaWNlAFBhNTU=", "YWxpY2U=", "UGE1NQ==", "VXNlcm5hbWU6", "private", "confidential");
        assertThat(redacted)
                .contains(
                        "AUTH PLAIN [redacted]",
                        "235 2.7.0 ok",
                        "AUTH LOGIN [redacted]",
                        "334 [redacted]",
                        "535 5.7.8 failed",
                        "MAIL FROM:<robot@example.com>",
                        "354 go ahead",
                        "[message content redacted: 3 lines]",
                        "250 2.0.0 Ok: queued as 1",
                        "QUIT");
    }

    @Test
    void redactsXoauth2PayloadsAndErrorChallenges() {
        String payload = java.util.Base64.getEncoder()
                .encodeToString("user=alice@example.com\u0001auth=Bearer ya29.secret-token\u0001\u0001"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String trace = String.join(
                "\n",
                "AUTH XOAUTH2 " + payload,
                "334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIn0=",
                "",
                "535 5.7.8 Username and Password not accepted",
                "AUTH XOAUTH2 " + payload,
                "235 2.7.0 Accepted",
                "MAIL FROM:<alice@example.com>");
        String redacted = DialogueRecorder.redact(trace);
        assertThat(redacted).doesNotContain(payload, "ya29", "eyJzdGF0dXMi");
        assertThat(redacted)
                .contains(
                        "AUTH XOAUTH2 [redacted]",
                        "334 [redacted]",
                        "535 5.7.8 Username and Password not accepted",
                        "235 2.7.0 Accepted",
                        "MAIL FROM:<alice@example.com>");
    }

    @Test
    void aRefusedDataCommandLeavesTheRestVisible() {
        String redacted = DialogueRecorder.redact("DATA\n554 no\nRSET\n250 ok\n");
        assertThat(redacted).isEqualTo("DATA\n554 no\nRSET\n250 ok\n");
    }
}
