package dev.scenarios.connector.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.smtp.internal.template.Template;
import dev.scenarios.connector.smtp.internal.template.TemplateSyntaxException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void rendersPlaceholdersAndKeepsTheLiteralText() {
        Template t = Template.parse("Order {OrderNo} for {Customer}: {OrderNo}!");

        assertThat(t.placeholders()).containsExactly("OrderNo", "Customer");
        assertThat(t.render(Map.of("OrderNo", "42", "Customer", "Анна")::get)).isEqualTo("Order 42 for Анна: 42!");
    }

    @Test
    void doubledBracesAreLiteralBraces() {
        Template t = Template.parse("{{OrderNo}} is {OrderNo} in {{json}}");

        assertThat(t.placeholders()).containsExactly("OrderNo");
        assertThat(t.render(Map.of("OrderNo", "7")::get)).isEqualTo("{OrderNo} is 7 in {json}");
    }

    @Test
    void aMissingValueRendersAsNothing() {
        assertThat(Template.parse("[{Note}]").render(name -> null)).isEqualTo("[]");
    }

    @Test
    void valuesAreNotReparsedAsTemplates() {
        assertThat(Template.parse("{A}").render(Map.of("A", "{B} }} {{")::get)).isEqualTo("{B} }} {{");
    }

    @Test
    void anUnclosedBraceIsASyntaxErrorWithItsPosition() {
        assertThatThrownBy(() -> Template.parse("Hello\nDear {Customer"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TemplateSyntaxException.Reason.UNCLOSED_BRACE);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(6);
                });
    }

    @Test
    void aLoneClosingBraceIsASyntaxError() {
        assertThatThrownBy(() -> Template.parse("total } here"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TemplateSyntaxException.Reason.UNMATCHED_CLOSING_BRACE);
                    assertThat(e.column()).isEqualTo(7);
                });
    }

    @Test
    void aPlaceholderMustBeAnAttributeName() {
        for (String text : new String[] {"{}", "{Order No}", "{a{b}", "{Имя}"}) {
            assertThatThrownBy(() -> Template.parse(text))
                    .as(text)
                    .isInstanceOfSatisfying(
                            TemplateSyntaxException.class,
                            e -> assertThat(e.reason()).isEqualTo(TemplateSyntaxException.Reason.INVALID_PLACEHOLDER));
        }
    }

    @Test
    void anEmptyTemplateIsEmpty() {
        assertThat(Template.parse("").isEmpty()).isTrue();
        assertThat(Template.parse(null).render(n -> "x")).isEmpty();
        assertThat(Template.parse("{A}").isEmpty()).isFalse();
    }
}
