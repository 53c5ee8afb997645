package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of {@code authentication: oauth2}: encryption, endpoint, tenant, flows and secrets. */
class OAuth2ValidationTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private final SmtpConnectionType type = new SmtpConnectionType();

    private static Map<String, Object> microsoft(Object... overrides) {
        return with(
                with(
                        plain(465),
                        "encryption",
                        "ssl",
                        "authentication",
                        "oauth2",
                        "username",
                        "robot@contoso.com",
                        "oauthFlow",
                        "client_credentials",
                        "tokenEndpoint",
                        "microsoft",
                        "tenantId",
                        "0b1c2d3e-aaaa-bbbb-cccc-123456789abc",
                        "clientId",
                        "app-id",
                        "clientSecret",
                        "S3cret-value-xyz"),
                overrides);
    }

    private ValidationResult validate(Map<String, Object> values) {
        return type.validate(of(values));
    }

    @Test
    void validMicrosoftGoogleAndStaticConfigurations() {
        assertThat(validate(microsoft()).problems()).isEmpty();
        assertThat(validate(microsoft("encryption", "tls", "port", 587)).problems())
                .isEmpty();
        assertThat(validate(microsoft(
                                "tokenEndpoint",
                                "google",
                                "tenantId",
                                null,
                                "oauthFlow",
                                "refresh_token",
                                "refreshToken",
                                "1//rt"))
                        .problems())
                .isEmpty();
        assertThat(validate(microsoft("oauthFlow", "static_token", "accessToken", "ya29.x"))
                        .problems())
                .as("a leftover tokenEndpoint and tenant are ignored with a static token")
                .isEmpty();
        assertThat(validate(microsoft("oauthFlow", "refresh_token", "refreshToken", "rt", "clientSecret", null))
                        .problems())
                .as("a public client refreshes without a secret")
                .isEmpty();
    }

    @Test
    void oauth2OverPlainTextIsRefusedWithoutOptOut() {
        ValidationResult result =
                validate(microsoft("encryption", "none", "port", 25, "allowInsecureAuthentication", true));
        assertThat(result.problemsOf("authentication")).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("authentication.oauth2.insecure");
            assertThat(p.message(Locale.ENGLISH))
                    .contains("needs encryption ssl or tls", "allowInsecureAuthentication does not apply");
            assertThat(p.message(RU))
                    .contains("шифрование «SSL (неявный TLS, SMTPS)» или «TLS (STARTTLS, обязательный)»");
        });
    }

    @Test
    void microsoftPresetNeedsAValidTenant() {
        assertThat(validate(microsoft("tenantId", null)).problemsOf("tenantId"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("tenantId", "contoso.onmicrosoft.com/../x?"))
                        .problemsOf("tenantId"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("tenantId.invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.example.com/token", "ftp://x/token", "login.example.com/token"})
    void tokenEndpointMustBeHttpsOrAPreset(String endpoint) {
        ValidationResult result = validate(microsoft("tokenEndpoint", endpoint));
        assertThat(result.problemsOf("tokenEndpoint"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("tokenEndpoint.https");
        assertThat(result.problemsOf("tokenEndpoint").get(0).message(Locale.ENGLISH))
                .contains("microsoft, google or an https:// URL");
    }

    @Test
    void tokenEndpointWithCredentialsInsideIsRefused() {
        assertThat(validate(microsoft("tokenEndpoint", "https://user:pw@idp.example.com/token"))
                        .problemsOf("tokenEndpoint"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("tokenEndpoint.invalid");
    }

    @Test
    void eachFlowRequiresItsOwnValues() {
        assertThat(validate(microsoft("oauthFlow", null)).problemsOf("oauthFlow"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("clientSecret", null)).problemsOf("clientSecret"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("oauthFlow", "refresh_token")).problemsOf("refreshToken"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("oauthFlow", "static_token")).problemsOf("accessToken"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("clientId", null)).problemsOf("clientId"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("username", null)).problemsOf("username"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("required");
        assertThat(validate(microsoft("oauthFlow", "device_code")).problemsOf("oauthFlow"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("type.enum");
    }

    @Test
    void controlCharactersCannotReachTheXoauth2Payload() {
        assertThat(validate(microsoft("username", "robot@contoso.com\u0001auth=Bearer x"))
                        .problemsOf("username"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("username.control");
        assertThat(validate(microsoft("scope", "a\r\nb")).problemsOf("scope"))
                .extracting(ValidationResult.Problem::code)
                .containsExactly("scope.control");
    }

    @Test
    void leftoverOauthValuesDoNotBotherOtherAuthentications() {
        Map<String, Object> basic = microsoft("authentication", "basic", "password", "pw", "tenantId", null);
        assertThat(validate(basic).problems()).isEmpty();
    }

    @Test
    void secretsAreFlaggedAndNeverEchoed() {
        assertThat(type.properties())
                .filteredOn(PropertyDescriptor::secret)
                .extracting(PropertyDescriptor::name)
                .containsExactly("password", "clientSecret", "refreshToken", "accessToken");
        ValidationResult result = validate(
                microsoft("encryption", "none", "tokenEndpoint", "http://x", "clientSecret", "S3cret-value-xyz"));
        result.problems()
                .forEach(p ->
                        assertThat(p.message(Locale.ENGLISH) + p.message(RU)).doesNotContain("S3cret-value-xyz"));
    }
}
