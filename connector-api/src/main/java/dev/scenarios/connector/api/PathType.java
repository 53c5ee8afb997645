package dev.scenarios.connector.api;

import java.util.List;

/**
 * A kind of data transfer path (e.g. {@code smtp-send}): a template bound to one connection that turns the attributes a
 * scenario step supplies into one outgoing message, or (a {@linkplain Direction#RECEIVE source}, e.g.
 * {@code imap-receive}) that hands each item its connection receives to a scenario as attributes.
 *
 * <p>Instances are immutable and thread-safe. Every path type has the properties {@code systemName},
 * {@code connection}, {@code disabled} and {@code description}.
 */
public interface PathType extends ConfigurableType {

    /** Which way data flows through a path of a type. */
    enum Direction {
        /** The scenario hands attributes to the path, which sends them ({@code to: path:…}); see {@link #bind}. */
        SEND,
        /**
         * The path receives items and starts the scenario with their attributes ({@code from: path:…}); see
         * {@link #source}.
         */
        RECEIVE
    }

    /**
     * Which way data flows through paths of this type. Pure.
     *
     * @return {@link Direction#SEND} unless the type overrides it
     */
    default Direction direction() {
        return Direction.SEND;
    }

    /**
     * The id of the connection type this path must be bound to.
     *
     * @return e.g. {@code smtp}
     */
    String connectionTypeId();

    /**
     * The attributes a scenario step may supply to a path with {@code configuration}: those every path of the type has
     * (for {@code smtp-send}: {@code To}, {@code Cc}, …) followed by those the configuration declares. Hosts pass only
     * these names to the sender. {@link PropertyDescriptor#array()} marks an attribute that takes a list (a host may
     * parse a JSON array text for it); the first attribute of type {@link PropertyType#EMAIL_LIST} holds the recipients
     * a host may add on its own (the CLI's {@code send --to}). For a {@link Direction#RECEIVE} type: the attributes
     * each received item carries (a source hands no others). Pure; tolerates an invalid configuration (returns what it
     * can read).
     *
     * @param configuration the path's values
     * @return the attributes, in the order a form shows them; none when the type takes none
     */
    List<PropertyDescriptor> attributes(Configuration configuration);

    /**
     * Binds a validated path to an opened connection of type {@link #connectionTypeId()}. No I/O.
     *
     * @param configuration the path's values, valid
     * @param connection an open connection of type {@link #connectionTypeId()}
     * @return the sender for this path
     * @throws IllegalArgumentException if {@code configuration} does not validate or {@code connection} is of another
     *     type
     * @throws UnsupportedOperationException for a {@link Direction#RECEIVE} type (the default)
     */
    default PathSender bind(Configuration configuration, Connection connection) {
        throw new UnsupportedOperationException("paths of type " + id() + " receive; they have no sender");
    }

    /**
     * Binds a validated path as {@link #bind(Configuration, Connection)} does, on one of the host's <em>lanes</em>:
     * independent streams of work over the same connection (the scenario runtime's data buses 0 to 3). A connection
     * that pools network sessions gives each lane bound to it a share of them, so that a backlog on one lane never
     * holds every session while another lane's message waits; how it shares them out is the connector's to document.
     * Lane 0 is what {@link #bind(Configuration, Connection)} binds to. No I/O.
     *
     * <p>The default ignores the lane: right for a connector without a session cap.
     *
     * @param configuration the path's values, valid
     * @param connection an open connection of type {@link #connectionTypeId()}
     * @param lane the host's lane, 0 or more; a host using one lane passes 0
     * @return the sender for this path, sending on {@code lane}
     * @throws IllegalArgumentException as {@link #bind(Configuration, Connection)}, or if {@code lane} is negative
     * @throws UnsupportedOperationException for a {@link Direction#RECEIVE} type (the default)
     */
    default PathSender bind(Configuration configuration, Connection connection, int lane) {
        if (lane < 0) {
            throw new IllegalArgumentException("a lane is 0 or more, not " + lane);
        }
        return bind(configuration, connection);
    }

    /**
     * Binds a validated path of a {@link Direction#RECEIVE} type to an opened connection of type
     * {@link #connectionTypeId()}. No I/O: receiving begins with {@link PathSource#start}.
     *
     * @param configuration the path's values, valid
     * @param connection an open connection of type {@link #connectionTypeId()}
     * @param context the host's data directory (where a source keeps what it has received) and services
     * @return the source for this path; the caller closes it
     * @throws IllegalArgumentException if {@code configuration} does not validate or {@code connection} is of another
     *     type
     * @throws UnsupportedOperationException for a {@link Direction#SEND} type (the default)
     */
    default PathSource source(Configuration configuration, Connection connection, ConnectorContext context) {
        throw new UnsupportedOperationException("paths of type " + id() + " send; they receive nothing");
    }
}
