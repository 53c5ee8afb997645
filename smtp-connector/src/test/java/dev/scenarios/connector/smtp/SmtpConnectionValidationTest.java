package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpConnectionValidationTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private final SmtpConnectionType type = new SmtpConnectionType();

    private ValidationResult validate(Object... overrides) {
        return type.validate(of(with(plain(25), overrides)));
    }

    @Test
    void descriptorsAreGroupedInTheAgreedOrder() {
        assertThat(type.properties())
                .extracting(PropertyDescriptor::name)
                .containsExactly(
                        "systemName",
                        "disabled",
                        "description",
                        "journal",
                        "server",
                        "encryption",
                        "port",
                        "trustedCertificates",
                        "heloName",
                        "connectTimeout",
                        "readTimeout",
                        "writeTimeout",
                        "maxConnections",
                        "idleTimeout",
                        "maxMessagesPerMinute",
                        "authentication",
                        "username",
                        "password",
                        "oauthFlow",
                        "tokenEndpoint",
                        "tenantId",
                        "clientId",
                        "clientSecret",
                        "refreshToken",
                        "accessToken",
                        "writeBackRefreshToken",
                        "scope",
                        "domain",
                        "allowInsecureAuthentication",
                        "senderName",
                        "senderAddress",
                        "checkWithoutSending",
                        "testRecipients");
        assertThat(type.name(RU)).isEqualTo("Отправка электронной почты по SMTP");
        assertThat(type.name(Locale.ENGLISH)).isEqualTo("Sending e-mail via SMTP");
    }

    @Test
    void everyCheckStepHasTextsInBothLanguages() {
        var messages = SmtpConnectionType.MESSAGES;
        for (String step : List.of(
                "token",
                "resolve",
                "connect",
                "greeting",
                "ehlo",
                "tls",
                "auth",
                "mail-from",
                "rset-quit",
                "send-test")) {
            assertThat(messages.has("step." + step, Locale.ENGLISH)).as(step).isTrue();
            assertThat(messages.has("step." + step, RU)).as(step).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "smtp://mail.example.com, server.protocol, remove the protocol",
        "http://x, server.protocol, remove the protocol",
        "smtps:mail.example.com, server.protocol, remove the protocol",
        "host:25, server.port, remove the port \":25\"",
        "host/path, server.invalid, no protocol, port, path or spaces",
        "a b, server.invalid, no protocol, port, path or spaces"
    })
    void serverMustBeAHostNameOnly(String server, String code, String english) {
        ValidationResult result = validate("server", server);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("server");
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.message(Locale.ENGLISH)).contains(english);
            assertThat(p.message(RU)).containsPattern("\\p{IsCyrillic}");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.com", "192.0.2.10", "::1", "[2001:db8::1]", "почта.пример.рф", "localhost"})
    void hostNamesAndAddressesAreAccepted(String server) {
        assertThat(validate("server", server).problems()).isEmpty();
    }

    @Test
    void portIsBetween1And65535WithDefaultsByEncryption() {
        assertThat(validate("port", 0).problemsOf("port"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("range");
        assertThat(validate("port", 65536).problemsOf("port"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("range");
        assertThat(validate("port", 65535).problems()).isEmpty();
        Map<String, Object> noPort = with(plain(25), "port", null);
        assertThat(of(with(noPort, "encryption", "none")).value("port")).isEqualTo(25);
        assertThat(of(with(noPort, "encryption", "ssl")).value("port")).isEqualTo(465);
        assertThat(of(with(noPort, "encryption", "tls")).value("port")).isEqualTo(587);
        assertThat(of(with(noPort, "encryption", null)).value("port"))
                .as("tls by default")
                .isEqualTo(587);
    }

    @Test
    void credentialsOverPlainTextNeedAnExplicitOptIn() {
        ValidationResult insecure = validate("authentication", "basic", "username", "alice", "password", "Pa55-secret");
        assertThat(insecure.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("authentication.insecure");
            assertThat(p.message(Locale.ENGLISH))
                    .isEqualTo(
                            "credentials would be sent unencrypted: choose encryption ssl or tls, or set allowInsecureAuthentication");
            assertThat(p.message(RU)).contains("без шифрования");
        });
        assertThat(validate(
                                "authentication",
                                "basic",
                                "username",
                                "alice",
                                "password",
                                "pw",
                                "allowInsecureAuthentication",
                                true)
                        .problems())
                .isEmpty();
        assertThat(validate("authentication", "basic", "username", "alice", "password", "pw", "encryption", "tls")
                        .problems())
                .isEmpty();
    }

    @Test
    void credentialsAreRequiredOnlyWithAuthenticationAndDomainOnlyWithWindows() {
        ValidationResult result = validate("authentication", "windows", "encryption", "ssl");
        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property, ValidationResult.Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("username", "required"),
                        org.assertj.core.groups.Tuple.tuple("password", "required"));
        Configuration basic = of(with(plain(25), "authentication", "basic"));
        PropertyDescriptor domain = type.properties().stream()
                .filter(d -> d.name().equals("domain"))
                .findFirst()
                .orElseThrow();
        assertThat(basic.isVisible(domain)).isFalse();
        assertThat(of(with(plain(25), "authentication", "windows")).isVisible(domain))
                .isTrue();
    }

    @Test
    void journalLevelsIncludingYamlOffReadAsFalse() {
        for (String level : List.of("full", "errors", "off")) {
            assertThat(validate("journal", level).problems()).as(level).isEmpty();
        }
        assertThat(validate("journal", false).problems())
                .as("YAML 1.1 reads off as false")
                .isEmpty();
        assertThat(validate("journal", "verbose").problemsOf("journal"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("type.enum");
        assertThat(of(with(plain(25), "journal", null)).value("journal")).isEqualTo("errors");
    }

    @Test
    void systemNameSenderAndRecipientsAreCheckedStrictly() {
        assertThat(validate("systemName", "relay-1").problemsOf("systemName"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("systemName.pattern");
        assertThat(validate("senderAddress", "robot@").problemsOf("senderAddress"))
                .isNotEmpty();
        assertThat(validate("senderAddress", "Robot <robot@example.com>").problemsOf("senderAddress"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("senderAddress.personal");
        assertThat(validate("senderName", "Robot\r\nBcc: victim@example.com").problemsOf("senderName"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("senderName.invalid");
        assertThat(validate("testRecipients", "a@example.com, not an address").problemsOf("testRecipients"))
                .isNotEmpty();
        assertThat(validate("testRecipients", null).problemsOf("testRecipients"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate("testRecipients", null, "checkWithoutSending", true).problems())
                .isEmpty();
        assertThat(validate("testRecipients", null, "checkWithoutSending", "TRUE")
                        .problems())
                .isEmpty();
    }

    /** Finding 8 of issue #13: an RFC 2047 encoded CR/LF in senderName was accepted and sent. */
    @Test
    void finding8_anEncodedLineBreakInTheSenderNameIsRefused() {
        for (String name : new String[] {
            "=?UTF-8?Q?Evil=0D=0ABcc:_victim@example.com?=",
            "=?UTF-8?B?RXZpbA0KQmNjOiB2QGV4YW1wbGUuY29t?=",
            "Shop =?utf-8?q?=0A?= Robot"
        }) {
            assertThat(validate("senderName", name).problemsOf("senderName"))
                    .as(name)
                    .extracting(ValidationResult.Problem::code)
                    .containsExactly("senderName.invalid");
        }
        assertThat(validate("senderName", "=?UTF-8?Q?Caf=C3=A9?=").problems()).isEmpty();
    }

    /** Finding 8 of issue #13: a heloName that cannot be written in ASCII is refused, an IDN is fine. */
    @Test
    void finding8_aHeloNameMustConvertToPunycode() {
        assertThat(validate("heloName", "почта.пример.рф").problems()).isEmpty();
        assertThat(validate("heloName", "п".repeat(60) + ".рф").problemsOf("heloName"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("heloName.invalid");
    }

    @Test
    void timeoutsAreDurationsGreaterThanZero() {
        assertThat(validate("connectTimeout", "2m", "readTimeout", "PT15S", "writeTimeout", "500ms")
                        .problems())
                .isEmpty();
        assertThat(validate("readTimeout", "0s").problemsOf("readTimeout"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("readTimeout.range");
        assertThat(validate("readTimeout", "soon").problemsOf("readTimeout"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("type.duration");
        assertThat(validate("heloName", "bad name!").problemsOf("heloName"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("heloName.invalid");
    }

    @Test
    void allProblemsAreReportedAtOnceInDeclarationOrderWithoutTheSecret() {
        ValidationResult result = validate(
                "systemName",
                "bad name",
                "server",
                "smtp://x",
                "port",
                0,
                "authentication",
                "basic",
                "username",
                "alice",
                "password",
                "Pa55-secret",
                "senderAddress",
                "nope");
        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property)
                .containsExactly("systemName", "server", "port", "authentication", "senderAddress");
        assertThat(result.describe(Locale.ENGLISH)).doesNotContain("Pa55-secret");
        assertThat(result.describe(RU)).doesNotContain("Pa55-secret");
    }

    @Test
    void devInboxOverridesPointAtAPlainServer() {
        Map<String, Object> overrides = type.devInboxOverrides("127.0.0.1", 2525);
        Map<String, Object> values = with(
                plain(25),
                "encryption",
                "ssl",
                "authentication",
                "basic",
                "username",
                "u",
                "password",
                "p",
                "trustedCertificates",
                "/etc/ca.pem");
        values.putAll(overrides);
        Configuration config = of(values);
        assertThat(type.validate(config).problems()).isEmpty();
        assertThat(config.value("port")).isEqualTo(2525);
        assertThat(config.isSet("trustedCertificates")).isFalse();
        assertThat(config.value("authentication")).isEqualTo("none");
    }
}
