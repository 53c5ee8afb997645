package dev.scenarios.connector.smtp.internal.settings;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.smtp.internal.settings.OAuthSettings.Flow;
import dev.scenarios.connector.smtp.internal.settings.OAuthSettings.Provider;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Presets resolve to the providers' endpoints and default scopes; nothing secret in toString. */
class OAuthSettingsTest {

    private static Map<String, Object> oauth(Object... overrides) {
        Map<String, Object> base = with(
                plain(465),
                "encryption",
                "ssl",
                "authentication",
                "oauth2",
                "username",
                "robot@contoso.com",
                "clientId",
                "app-id",
                "clientSecret",
                "S3cret-value");
        return with(base, overrides);
    }

    private static OAuthSettings settings(Object... overrides) {
        return SmtpSettings.from(of(oauth(overrides))).oauth();
    }

    @Test
    void microsoftPresetUsesTheTenantEndpointAndTheAppScopeForClientCredentials() {
        OAuthSettings s = settings(
                "oauthFlow", "client_credentials", "tokenEndpoint", "microsoft", "tenantId", "contoso.onmicrosoft.com");
        assertThat(s.provider()).isEqualTo(Provider.MICROSOFT);
        assertThat(s.endpoint())
                .isEqualTo(URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
        assertThat(s.scope()).isEqualTo("https://outlook.office365.com/.default");
    }

    @Test
    void microsoftPresetAsksForDelegatedSmtpSendWithRefreshTokens() {
        OAuthSettings s = settings(
                "oauthFlow",
                "refresh_token",
                "tokenEndpoint",
                "microsoft",
                "tenantId",
                "contoso.onmicrosoft.com",
                "refreshToken",
                "rt");
        assertThat(s.scope()).isEqualTo("https://outlook.office.com/SMTP.Send offline_access");
        assertThat(s.refreshToken()).isEqualTo("rt");
    }

    @Test
    void googlePresetAndExplicitScopes() {
        OAuthSettings google = settings("oauthFlow", "refresh_token", "tokenEndpoint", "google", "refreshToken", "rt");
        assertThat(google.endpoint()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(google.scope()).isEqualTo("https://mail.google.com/");
        OAuthSettings other =
                settings("oauthFlow", "client_credentials", "tokenEndpoint", "https://idp.example.com/token");
        assertThat(other.provider()).isEqualTo(Provider.OTHER);
        assertThat(other.scope()).isNull();
        assertThat(settings(
                                "oauthFlow",
                                "client_credentials",
                                "tokenEndpoint",
                                "https://idp.example.com/token",
                                "scope",
                                "smtp")
                        .scope())
                .isEqualTo("smtp");
    }

    @Test
    void staticTokenNeedsNoEndpointAndIsNotRenewable() {
        OAuthSettings s =
                settings("oauthFlow", "static_token", "accessToken", "ya29.static", "tokenEndpoint", "microsoft");
        assertThat(s.flow()).isEqualTo(Flow.STATIC_TOKEN);
        assertThat(s.endpoint()).isNull();
        assertThat(s.renewable()).isFalse();
        assertThat(s.toString()).doesNotContain("ya29.static");
    }

    @Test
    void toStringShowsNoSecret() {
        SmtpSettings s = SmtpSettings.from(
                of(oauth("oauthFlow", "refresh_token", "tokenEndpoint", "google", "refreshToken", "1//rt-secret")));
        assertThat(s.toString())
                .contains("REFRESH_TOKEN", "GOOGLE", "app-id")
                .doesNotContain("S3cret-value", "1//rt-secret");
        assertThat(s.password()).isNull();
    }
}
