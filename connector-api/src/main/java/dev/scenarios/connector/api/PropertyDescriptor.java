package dev.scenarios.connector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting of a connection or path type, described as data: the single declaration drives validation, documentation,
 * JSON Schema and the host's settings form. Immutable; built with {@link #builder(String, PropertyType, Messages)}.
 *
 * <p>Texts come from the type's {@link Messages} under the keys {@code <name>.label}, {@code <name>.help},
 * {@code <name>.value.<value>} (enum values) and {@code group.<group>}. Nested item properties of an
 * {@link PropertyType#OBJECT_LIST} use {@code <parent>.<name>.label} and so on.
 */
public final class PropertyDescriptor {

    private final String name;
    private final String key;
    private final PropertyType type;
    private final boolean required;
    private final Object defaultValue;
    private final List<DependentDefault> dependentDefaults;
    private final boolean secret;
    private final List<String> allowedValues;
    private final String group;
    private final Condition visibleWhen;
    private final Long minimum;
    private final Long maximum;
    private final List<PropertyDescriptor> items;
    private final boolean array;
    private final Messages messages;

    /**
     * "Property {@code property} has one of {@code values}", e.g. {@code authentication = windows}. Used for a property
     * that is shown (and validated, and required) only when the condition holds, and for defaults that depend on
     * another property.
     *
     * @param property the name of the property the condition reads
     * @param values the values that meet the condition, at least one
     */
    public record Condition(String property, List<String> values) {

        /**
         * Checks the property and copies the values.
         *
         * @param property the property the condition reads
         * @param values the values that meet it
         * @throws IllegalArgumentException if {@code values} is empty
         */
        public Condition {
            Objects.requireNonNull(property, "property");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a condition needs at least one value");
            }
        }

        /**
         * The condition "{@code property} is one of {@code values}".
         *
         * @param property the property the condition reads
         * @param values the values that meet it, at least one
         * @return the condition
         */
        public static Condition when(String property, String... values) {
            return new Condition(property, List.of(values));
        }

        /**
         * Whether a configuration meets the condition.
         *
         * @param configuration the values, whose effective value of {@link #property()} (default included) is read
         * @return true if that value is one of {@link #values()}
         */
        public boolean isMet(Configuration configuration) {
            Object value = configuration.value(property);
            return value != null && values.contains(String.valueOf(value));
        }

        @Override
        public String toString() {
            return property + " in " + values;
        }
    }

    /**
     * A default that applies when {@code condition} holds, e.g. port 465 when encryption is ssl.
     *
     * @param condition when the default applies
     * @param value the default
     */
    public record DependentDefault(Condition condition, Object value) {

        /**
         * Checks that neither component is null.
         *
         * @param condition when the default applies
         * @param value the default
         */
        public DependentDefault {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(value, "value");
        }
    }

    private PropertyDescriptor(Builder b) {
        this.name = b.name;
        this.key = b.key;
        this.type = b.type;
        this.required = b.required;
        this.defaultValue = b.defaultValue;
        this.dependentDefaults = List.copyOf(b.dependentDefaults);
        this.secret = b.secret;
        this.allowedValues = List.copyOf(b.allowedValues);
        this.group = b.group;
        this.visibleWhen = b.visibleWhen;
        this.minimum = b.minimum;
        this.maximum = b.maximum;
        this.items = List.copyOf(b.items);
        this.array = b.array;
        this.messages = b.messages;
    }

    /**
     * Starts a descriptor of property {@code name}, whose texts live in {@code messages} under the name.
     *
     * @param name the property key as written in YAML and JSON
     * @param type the kind of value
     * @param messages the texts' bundle family
     * @return a builder
     */
    public static Builder builder(String name, PropertyType type, Messages messages) {
        return new Builder(name, name, type, messages);
    }

    /**
     * Starts a descriptor of property {@code name} whose texts live in {@code messages} under {@code textKey} instead
     * of the name, e.g. for names chosen by a user (declared attributes).
     *
     * @param name the property key as written in YAML and JSON
     * @param textKey the prefix of the text keys: {@code <textKey>.label}, {@code <textKey>.help}, …
     * @param type the kind of value
     * @param messages the texts' bundle family
     * @return a builder
     */
    public static Builder builder(String name, String textKey, PropertyType type, Messages messages) {
        return new Builder(name, Objects.requireNonNull(textKey, "textKey"), type, messages);
    }

    /**
     * The property key as written in YAML and JSON.
     *
     * @return e.g. {@code senderAddress}
     */
    public String name() {
        return name;
    }

    /**
     * The kind of value.
     *
     * @return the type
     */
    public PropertyType type() {
        return type;
    }

    /**
     * Whether a value must be given whenever the property is {@linkplain #visibleWhen() visible}.
     *
     * @return true for a required property
     */
    public boolean required() {
        return required;
    }

    /**
     * The value used when none is given. Never present for secrets.
     *
     * @return the default, or empty
     */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Defaults that depend on other properties; the first whose condition holds wins over {@link #defaultValue()}.
     *
     * @return the dependent defaults, possibly none
     */
    public List<DependentDefault> dependentDefaults() {
        return dependentDefaults;
    }

    /**
     * Whether the value is a secret: never shown, logged, echoed in messages or given a default.
     *
     * @return true for a secret
     */
    public boolean secret() {
        return secret;
    }

    /**
     * The values an {@link PropertyType#ENUM} accepts, in display order.
     *
     * @return the values; empty for other types
     */
    public List<String> allowedValues() {
        return allowedValues;
    }

    /**
     * The form section the property belongs to.
     *
     * @return e.g. {@code server}, or empty
     */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /**
     * The condition under which the property is shown, validated and required.
     *
     * @return the condition; empty means always
     */
    public Optional<Condition> visibleWhen() {
        return Optional.ofNullable(visibleWhen);
    }

    /**
     * The smallest value an {@link PropertyType#INTEGER} accepts.
     *
     * @return the minimum, or empty
     */
    public Optional<Long> minimum() {
        return Optional.ofNullable(minimum);
    }

    /**
     * The largest value an {@link PropertyType#INTEGER} accepts.
     *
     * @return the maximum, or empty
     */
    public Optional<Long> maximum() {
        return Optional.ofNullable(maximum);
    }

    /**
     * The fields of an {@link PropertyType#OBJECT} or of each object of an {@link PropertyType#OBJECT_LIST}.
     *
     * @return the fields; empty for other types
     */
    public List<PropertyDescriptor> items() {
        return items;
    }

    /**
     * Whether the value is a list of values of {@link #type()} (a single value is accepted too). Used for
     * {@linkplain PathType#attributes path attributes}.
     *
     * @return true for a list-valued property
     */
    public boolean array() {
        return array;
    }

    /**
     * The field label.
     *
     * @param locale the reader's language
     * @return the label in {@code locale}
     */
    public String label(Locale locale) {
        return messages.get(key + ".label", locale);
    }

    /**
     * The help text: meaning, default and what happens when it is wrong.
     *
     * @param locale the reader's language
     * @return the help in {@code locale}
     */
    public String help(Locale locale) {
        return messages.get(key + ".help", locale);
    }

    /**
     * The display title of an allowed value.
     *
     * @param value one of {@link #allowedValues()}
     * @param locale the reader's language
     * @return the title in {@code locale}
     */
    public String valueLabel(String value, Locale locale) {
        return messages.get(key + ".value." + value, locale);
    }

    /**
     * The title of {@link #group()}.
     *
     * @param locale the reader's language
     * @return the title in {@code locale}, or empty without a group
     */
    public Optional<String> groupLabel(Locale locale) {
        return group().map(g -> messages.get("group." + g, locale));
    }

    /**
     * The message keys this descriptor reads, for completeness checks of the bundles.
     *
     * @return the keys, items' keys included
     */
    public List<String> messageKeys() {
        List<String> keys = new ArrayList<>(List.of(key + ".label", key + ".help"));
        allowedValues.forEach(v -> keys.add(key + ".value." + v));
        group().ifPresent(g -> keys.add("group." + g));
        items.forEach(item -> keys.addAll(item.messageKeys()));
        return keys;
    }

    /**
     * The texts' bundle family.
     *
     * @return the messages
     */
    public Messages messages() {
        return messages;
    }

    @Override
    public String toString() {
        return "PropertyDescriptor[" + name + ": " + type + (required ? ", required" : "") + (secret ? ", secret" : "")
                + "]";
    }

    /** Builds a {@link PropertyDescriptor}; every setter returns the builder. */
    public static final class Builder {
        private final String name;
        private final String key;
        private final PropertyType type;
        private final Messages messages;
        private boolean required;
        private Object defaultValue;
        private final List<DependentDefault> dependentDefaults = new ArrayList<>();
        private boolean secret;
        private final List<String> allowedValues = new ArrayList<>();
        private String group;
        private Condition visibleWhen;
        private Long minimum;
        private Long maximum;
        private final List<PropertyDescriptor> items = new ArrayList<>();
        private boolean array;

        private Builder(String name, String key, PropertyType type, Messages messages) {
            this.name = Objects.requireNonNull(name, "name");
            this.key = key;
            this.type = Objects.requireNonNull(type, "type");
            this.messages = Objects.requireNonNull(messages, "messages");
        }

        /**
         * Makes a value required whenever the property is visible.
         *
         * @return this builder
         */
        public Builder required() {
            this.required = true;
            return this;
        }

        /**
         * Sets the value used when none is given.
         *
         * @param value the default; not allowed for secrets
         * @return this builder
         */
        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * Adds a default that applies when a condition holds.
         *
         * @param condition when the default applies
         * @param value the default
         * @return this builder
         */
        public Builder defaultWhen(Condition condition, Object value) {
            dependentDefaults.add(new DependentDefault(condition, value));
            return this;
        }

        /**
         * Marks the value as a secret.
         *
         * @return this builder
         */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /**
         * Adds the values an {@link PropertyType#ENUM} accepts.
         *
         * @param values the values, in display order
         * @return this builder
         */
        public Builder allowedValues(String... values) {
            allowedValues.addAll(List.of(values));
            return this;
        }

        /**
         * Puts the property in a form section.
         *
         * @param group the section, titled by {@code group.<group>}
         * @return this builder
         */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /**
         * Shows, validates and requires the property only when a condition holds.
         *
         * @param condition the condition
         * @return this builder
         */
        public Builder visibleWhen(Condition condition) {
            this.visibleWhen = condition;
            return this;
        }

        /**
         * Marks the value as a list of values of the type; see {@link PropertyDescriptor#array()}.
         *
         * @return this builder
         */
        public Builder array() {
            this.array = true;
            return this;
        }

        /**
         * Sets the range an {@link PropertyType#INTEGER} accepts.
         *
         * @param minimum the smallest value
         * @param maximum the largest value
         * @return this builder
         */
        public Builder range(long minimum, long maximum) {
            this.minimum = minimum;
            this.maximum = maximum;
            return this;
        }

        /**
         * Adds a field of an {@link PropertyType#OBJECT} or of each object of an {@link PropertyType#OBJECT_LIST}; its
         * texts use the key {@code <this>.<field>}.
         *
         * @param field the field's name
         * @param fieldType the field's kind of value
         * @param configure sets the field's flags, e.g. {@code b -> b.required()}
         * @return this builder
         */
        public Builder item(String field, PropertyType fieldType, java.util.function.UnaryOperator<Builder> configure) {
            items.add(configure
                    .apply(new Builder(field, key + "." + field, fieldType, messages))
                    .build());
            return this;
        }

        /**
         * The descriptor.
         *
         * @return a new descriptor
         * @throws IllegalStateException if a secret has a default, an enum no values, or an object no fields
         */
        public PropertyDescriptor build() {
            if (secret && (defaultValue != null || !dependentDefaults.isEmpty())) {
                throw new IllegalStateException(name + ": a secret cannot have a default");
            }
            if (type == PropertyType.ENUM && allowedValues.isEmpty()) {
                throw new IllegalStateException(name + ": an enum needs allowed values");
            }
            if ((type == PropertyType.OBJECT_LIST || type == PropertyType.OBJECT) && items.isEmpty()) {
                throw new IllegalStateException(name + ": an object needs item fields");
            }
            return new PropertyDescriptor(this);
        }
    }
}
