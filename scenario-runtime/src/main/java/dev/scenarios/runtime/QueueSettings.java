package dev.scenarios.runtime;

import java.util.Objects;

/**
 * Where a workspace keeps its queue of {@code delivery: queued} messages: the {@code queue:} section of
 * {@code <workspace>/workspace.yaml}. Without that file, or with {@code store: file}, the queue is the folder
 * {@code data/queue} and one runtime at a time runs the workspace; with {@code store: postgresql} it is a schema in a
 * PostgreSQL database that several runtimes share. Immutable; {@link #toString()} never shows the password.
 *
 * @param store where the queue lives
 * @param url the JDBC URL of the database ({@code jdbc:postgresql://host:5432/db}); empty for the file store
 * @param username the database user; empty for the file store
 * @param password the database password, resolved from its {@code ${env:…}}/{@code ${file:…}} reference; empty when
 *     none
 * @param schema the schema that holds the queue's tables, {@code scenario_mail} by default
 * @param clusterLimits with PostgreSQL, whether each connection's {@code maxConnections} and
 *     {@code maxMessagesPerMinute} hold for all runtimes together ({@code limits: cluster}, the default) or for each
 *     runtime alone ({@code limits: runtime}); ignored by the file store, whose one runtime holds them alone
 */
public record QueueSettings(
        Store store, String url, String username, String password, String schema, boolean clusterLimits) {

    /** The default schema of the PostgreSQL store. */
    public static final String DEFAULT_SCHEMA = "scenario_mail";

    /** The file store, as a workspace without {@code workspace.yaml} has it. */
    public static final QueueSettings FILE = new QueueSettings(Store.FILE, "", "", "", DEFAULT_SCHEMA);

    /** Settings whose limits hold across the runtimes ({@code limits: cluster}, the default). */
    public QueueSettings(Store store, String url, String username, String password, String schema) {
        this(store, url, username, password, schema, true);
    }

    /** Where the queue lives. */
    public enum Store {
        /** {@code data/queue}, one runtime per workspace ({@code data/runtime.lock}). */
        FILE,
        /** Tables in a PostgreSQL schema, shared by every runtime that names it. */
        POSTGRESQL
    }

    public QueueSettings {
        Objects.requireNonNull(store, "store");
        url = url == null ? "" : url;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        schema = schema == null || schema.isEmpty() ? DEFAULT_SCHEMA : schema;
    }

    /** Whether several runtimes may send from this queue at once (no workspace lock then). */
    public boolean shared() {
        return store == Store.POSTGRESQL;
    }

    /** The settings without the password, which is write-only. */
    @Override
    public String toString() {
        return "QueueSettings[store=" + store + ", url=" + url + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "(set)") + ", schema=" + schema + ", limits="
                + (clusterLimits ? "cluster" : "runtime") + "]";
    }
}
