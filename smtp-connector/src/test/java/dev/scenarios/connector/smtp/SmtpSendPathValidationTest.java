package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.attribute;
import static dev.scenarios.connector.smtp.PathConfigurations.configuration;
import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpSendPathValidationTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final Locale EN = Locale.ENGLISH;

    private static ValidationResult validate(Map<String, Object> values) {
        return PathConfigurations.TYPE.validate(configuration(values));
    }

    private static ValidationResult.Problem onlyProblem(ValidationResult result) {
        assertThat(result.problems()).hasSize(1);
        return result.problems().get(0);
    }

    @Test
    void theOrderPathIsValid() {
        assertThat(validate(orderPath()).problems()).isEmpty();
    }

    @Test
    void anUndeclaredPlaceholderIsAnErrorOnTheTemplateNamingIt() {
        Map<String, Object> values = orderPath();
        values.put("subject", "Order {OrderNo} for {Customer}");
        values.put(
                "attributes",
                List.of(attribute("Customer", "string", true, false), attribute("Total", "number", false, false)));

        ValidationResult.Problem problem = onlyProblem(validate(values));

        assertThat(problem.property()).isEqualTo("subject");
        assertThat(problem.code()).isEqualTo("placeholder.undeclared");
        assertThat(problem.message(EN))
                .isEqualTo("placeholder {OrderNo} names no declared attribute (declared: Customer, Total)");
        assertThat(problem.message(RU))
                .isEqualTo(
                        "подстановка {OrderNo} не соответствует ни одному объявленному атрибуту (объявлены: Customer, Total)");
    }

    @Test
    void anUndeclaredPlaceholderWithoutAnyAttributesSaysSo() {
        Map<String, Object> values = orderPath();
        values.remove("attributes");
        values.put("subject", "Hello");
        values.put("body", "Dear {Customer}");

        ValidationResult.Problem problem = onlyProblem(validate(values));

        assertThat(problem.property()).isEqualTo("body");
        assertThat(problem.message(EN))
                .isEqualTo("placeholder {Customer} names no declared attribute (no attributes are declared)");
        assertThat(problem.message(RU)).contains("{Customer}", "атрибуты не объявлены");
    }

    @Test
    void placeholdersAreCheckedInEveryTemplateIncludingHeaderValues() {
        Map<String, Object> values = orderPath();
        values.put("htmlBody", "<p>{Customr}</p>");
        values.put(
                "headers",
                List.of(
                        object("name", "X-Order", "value", "{Customer}"),
                        object("name", "X-Shop", "value", "fixed"),
                        object("name", "X-Total", "value", "{Sum}")));

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property, ValidationResult.Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("htmlBody", "placeholder.undeclared"),
                        org.assertj.core.groups.Tuple.tuple("headers[2].value", "placeholder.undeclared"));
        assertThat(result.problemsOf("headers[2].value").get(0).message(EN))
                .startsWith("placeholder {Sum} names no declared attribute");
    }

    @Test
    void aPredefinedAttributeCannotBeAPlaceholder() {
        Map<String, Object> values = orderPath();
        values.put("subject", "For {To}");

        ValidationResult.Problem problem = onlyProblem(validate(values));

        assertThat(problem.code()).isEqualTo("placeholder.predefined");
        assertThat(problem.message(EN)).contains("{To}", "predefined attribute To");
        assertThat(problem.message(RU)).contains("{To}", "предопределённый атрибут To");
    }

    @Test
    void unbalancedBracesAreSyntaxErrorsWithTheirPosition() {
        Map<String, Object> values = orderPath();
        values.put("subject", "Order {Customer");
        values.put("body", "Line one\nTotal: {Total}}");

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::code)
                .containsExactly("template.syntax", "template.syntax");
        assertThat(result.problemsOf("subject").get(0).message(EN))
                .isEqualTo("the brace at line 1, column 7 is never closed; write {{ for a literal brace");
        assertThat(result.problemsOf("body").get(0).message(EN))
                .isEqualTo("the closing brace at line 2, column 15 has no opening one; write }} for a literal brace");
        assertThat(result.problemsOf("body").get(0).message(RU)).contains("строке 2, позиции 15", "}}");
    }

    @Test
    void doubledBracesAreNotErrors() {
        Map<String, Object> values = orderPath();
        values.put("body", "{{\"customer\": \"{Customer}\"}}");

        assertThat(validate(values).problems()).isEmpty();
    }

    @Test
    void aBodyOrAnHtmlBodyIsRequired() {
        Map<String, Object> values = orderPath();
        values.remove("body");

        ValidationResult.Problem problem = onlyProblem(validate(values));

        assertThat(problem.property()).isEqualTo("body");
        assertThat(problem.code()).isEqualTo("body.missing");
        assertThat(problem.message(EN)).isEqualTo("give a body template, an htmlBody template or both");
        assertThat(problem.message(RU)).isEqualTo("укажите «Шаблон текста письма», «Шаблон HTML-текста» или оба");

        values.put("htmlBody", "<p>{Customer}</p>");
        assertThat(validate(values).problems()).isEmpty();
    }

    @Test
    void attributeNamesMustBeValidUniqueAndNotPredefined() {
        Map<String, Object> values = orderPath();
        values.put(
                "attributes",
                List.of(
                        attribute("Customer", "string", true, false),
                        attribute("customer", "string", false, false),
                        attribute("Order No", "string", false, false),
                        attribute("CC", "string", false, false),
                        attribute("Total", "money", false, false)));

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property, ValidationResult.Problem::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("attributes[1].name", "attribute.duplicate"),
                        org.assertj.core.groups.Tuple.tuple("attributes[2].name", "attribute.name"),
                        org.assertj.core.groups.Tuple.tuple("attributes[3].name", "attribute.predefined"),
                        org.assertj.core.groups.Tuple.tuple("attributes[4].type", "type.enum"));
        assertThat(result.problemsOf("attributes[3].name").get(0).message(EN))
                .isEqualTo("attribute CC clashes with the predefined attribute Cc");
        assertThat(result.problemsOf("attributes[3].name").get(0).message(RU))
                .isEqualTo("атрибут CC совпадает с предопределённым атрибутом Cc");
        assertThat(result.problemsOf("attributes[1].name").get(0).message(RU))
                .isEqualTo("атрибут customer объявлен больше одного раза");
    }

    @Test
    void onlyAllowListedHeaderNamesMayBeSet() {
        Map<String, Object> values = orderPath();
        values.put(
                "headers",
                List.of(
                        object("name", "X-Order-Id", "value", "1"),
                        object("name", "List-Unsubscribe", "value", "<mailto:u@example.com>"),
                        object("name", "Bcc", "value", "spy@example.com"),
                        object("name", "Content-Type", "value", "text/html"),
                        object("name", "importance", "value", "high")));

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property)
                .containsExactly("headers[2].name", "headers[3].name");
        assertThat(result.problems()).extracting(ValidationResult.Problem::code).containsOnly("header.forbidden");
        assertThat(result.problemsOf("headers[2].name").get(0).message(EN))
                .startsWith("header Bcc cannot be set by a path; allowed: X-…");
        assertThat(result.problemsOf("headers[2].name").get(0).message(RU))
                .startsWith("заголовок Bcc нельзя задавать в пути");
    }

    @Test
    void aLiteralLineBreakInTheSubjectOrAHeaderValueIsRefused() {
        Map<String, Object> values = orderPath();
        values.put("subject", "Order\r\nBcc: spy@example.com");
        values.put("headers", List.of(object("name", "X-Note", "value", "a=?UTF-8?Q?=0A?=b")));

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property, ValidationResult.Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("subject", "linebreak"),
                        org.assertj.core.groups.Tuple.tuple("headers[0].value", "linebreak"));
    }

    @Test
    void anAttachmentNeedsExactlyOneOfFileAndContentAndValidBase64() {
        Map<String, Object> values = orderPath();
        values.put(
                "attachments",
                List.of(
                        object("name", "both.txt", "file", "/tmp/x.txt", "content", "aGk="),
                        object("name", "neither.txt"),
                        object("name", "bad.txt", "content", "not*base64!"),
                        object("name", "ok.txt", "content", "aGVs\nbG8=", "contentType", "text/plain; charset=UTF-8"),
                        object("name", "typed.bin", "content", "aGk=", "contentType", "not a type")));

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property, ValidationResult.Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("attachments[0]", "attachment.source"),
                        org.assertj.core.groups.Tuple.tuple("attachments[1]", "attachment.source"),
                        org.assertj.core.groups.Tuple.tuple("attachments[2].content", "attachment.base64"),
                        org.assertj.core.groups.Tuple.tuple("attachments[4].contentType", "attachment.contentType"));
        assertThat(result.problemsOf("attachments[0]").get(0).message(EN))
                .isEqualTo("attachments[0]: give exactly one of file and content");
        assertThat(result.problemsOf("attachments[2].content").get(0).message(RU))
                .isEqualTo("attachments[2].content не является корректным Base64");
    }

    @Test
    void systemNamesAllowLatinLettersDigitsAndUnderscoreOnly() {
        Map<String, Object> values = orderPath();
        values.put("systemName", "order-mail");
        values.put("connection", "почта");

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property)
                .containsExactly("systemName", "connection");
        assertThat(result.problems().get(0).message(EN))
                .isEqualTo("systemName may contain only Latin letters, digits and _");
        assertThat(result.problems().get(0).message(RU))
                .isEqualTo("systemName: допустимы только латинские буквы, цифры и _");
    }

    @Test
    void everyProblemIsReportedAtOnceInDeclarationOrder() {
        Map<String, Object> values = orderPath();
        values.put("systemName", "bad name");
        values.put("attributes", List.of(attribute("To", "string", false, false)));
        values.put("subject", "{Customer");
        values.remove("body");
        values.put("replyTo", "not an address");
        values.put("headers", List.of(object("name", "From", "value", "{Who}")));
        values.put("attachments", List.of(object("name", "x.txt")));
        values.put("colour", "red");

        ValidationResult result = validate(values);

        assertThat(result.problems())
                .extracting(ValidationResult.Problem::code)
                .containsExactly(
                        "name.pattern",
                        "attribute.predefined",
                        "template.syntax",
                        "body.missing",
                        "type.email",
                        "header.forbidden",
                        "placeholder.undeclared",
                        "attachment.source",
                        "unknown");
    }
}
