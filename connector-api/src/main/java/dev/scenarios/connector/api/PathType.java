package dev.scenarios.connector.api;

import java.util.List;
import java.util.Locale;

/**
 * A kind of data transfer path (e.g. {@code smtp-send}): a template bound to one connection that
 * turns the attributes a scenario step supplies into one outgoing message.
 *
 * <p>Instances are immutable and thread-safe.
 */
public interface PathType {

    /** The type id written as {@code type:} in a path file, e.g. {@code smtp-send}. */
    String id();

    /** The id of the connection type this path must be bound to, e.g. {@code smtp}. */
    String connectionTypeId();

    /** The type's display name in {@code locale}. */
    String name(Locale locale);

    /** A one-paragraph description of the type in {@code locale}. */
    String description(Locale locale);

    /** The settings, in form order. Every type has {@code systemName}, {@code connection}, {@code disabled}, {@code description}. */
    List<PropertyDescriptor> properties();

    /**
     * Pure and fast; returns every problem at once, in declaration order. Template problems (a
     * placeholder naming an undeclared attribute) are reported against the template's property.
     */
    ValidationResult validate(Configuration configuration);

    /**
     * Binds a validated path to an opened connection of type {@link #connectionTypeId()}. No I/O.
     *
     * @throws IllegalArgumentException if {@code configuration} does not validate or
     *     {@code connection} is of another type
     */
    PathSender bind(Configuration configuration, Connection connection);
}
