package dev.scenarios.connector.smtp.internal.settings;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.ValidationResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of {@code authentication: oauth2} that the descriptors cannot express: the token endpoint is a preset or an
 * https URL, the tenant id is a GUID or a domain, the client credentials flow needs a client secret, and the user name
 * and scope have no control characters (they go into the XOAUTH2 payload and the token request). Pure; never echoes a
 * secret. Called by {@link ConnectionRules#check}.
 */
final class OAuthRules {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");

    private OAuthRules() {}

    static void check(Configuration c, Messages messages, ValidationResult.Builder out) {
        c.optionalString("tokenEndpoint")
                .filter(s -> !out.hasProblem("tokenEndpoint"))
                .filter(s -> !s.equals("microsoft") && !s.equals("google"))
                .ifPresent(s -> checkEndpoint(s, messages, out));
        c.optionalString("tenantId")
                .filter(s -> !out.hasProblem("tenantId") && "microsoft".equals(c.string("tokenEndpoint")))
                .filter(s -> !TENANT.matcher(s).matches())
                .ifPresent(
                        s -> out.add("tenantId", "tenantId.invalid", messages.message("problem.tenantId.invalid", s)));
        if ("client_credentials".equals(c.string("oauthFlow")) && !c.isSet("clientSecret")) {
            out.add("clientSecret", "required", messages.message("problem.clientSecret.required"));
        }
        for (String name : new String[] {"username", "clientId", "scope"}) {
            c.optionalString(name)
                    .filter(s -> !out.hasProblem(name))
                    .filter(s -> CONTROL.matcher(s).find())
                    .ifPresent(s -> out.add(name, name + ".control", messages.message("problem.oauth.control", name)));
        }
    }

    private static void checkEndpoint(String endpoint, Messages messages, ValidationResult.Builder out) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            out.add(
                    "tokenEndpoint",
                    "tokenEndpoint.invalid",
                    messages.message("problem.tokenEndpoint.invalid", endpoint));
            return;
        }
        if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
            out.add("tokenEndpoint", "tokenEndpoint.https", messages.message("problem.tokenEndpoint.https", endpoint));
        } else if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            out.add(
                    "tokenEndpoint",
                    "tokenEndpoint.invalid",
                    messages.message("problem.tokenEndpoint.invalid", endpoint));
        }
    }
}
