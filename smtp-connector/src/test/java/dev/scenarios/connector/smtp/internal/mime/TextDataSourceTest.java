package dev.scenarios.connector.smtp.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextDataSourceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "short ASCII lines,    7bit",
        "a 998-character line, 7bit",
        "a 999-character line, quoted-printable",
        "Cyrillic,             base64",
        "one accented letter,  quoted-printable",
        "a NUL,                quoted-printable",
        "empty,                7bit"
    })
    void aSavedMessageGetsTheTransferEncodingJakartaWouldChoose(String name, String expected) throws Exception {
        String text = sample(name);
        String jakarta = MimeUtility.getEncoding(
                new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8"));
        assertThat(jakarta).as("Jakarta's own choice").isEqualTo(expected);

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setDataHandler(new TextDataSource(text, "text/plain").handler());
        message.saveChanges();

        assertThat(message.getEncoding()).isEqualTo(expected);
        assertThat(message.getContentType()).isEqualTo("text/plain; charset=UTF-8");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        message.writeTo(written);
        MimeMessage read =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(written.toByteArray()));
        assertThat(read.getEncoding()).isEqualTo(expected);
        assertThat(((String) read.getContent()).replace("\r\n", "\n")).isEqualTo(text.replace("\r\n", "\n"));
        assertThat(new TextDataSource(text, "text/plain").getEncoding())
                .isEqualTo(expected.equals("7bit") ? "7bit" : null);
    }

    private static String sample(String name) {
        return switch (name) {
            case "short ASCII lines" -> "Order 42 is on its way.\r\nThank you!\n-- \nThe shop\r\n";
            case "a 998-character line" -> "x".repeat(998) + "\r\n" + "y".repeat(998);
            case "a 999-character line" -> "short\r\n" + "x".repeat(999) + "\r\nshort";
            case "Cyrillic" -> "Ваш заказ №42 отправлен.";
            case "one accented letter" ->
                "Your order from the café ships today, and the rest of this line is plain ASCII.";
            case "a NUL" -> "before\0after";
            case "empty" -> "";
            default -> throw new IllegalArgumentException(name);
        };
    }
}
