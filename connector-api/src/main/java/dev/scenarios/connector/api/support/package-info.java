/**
 * Helpers for connectors and hosts built on the SPI's types: the descriptor-driven checks every type shares
 * ({@link dev.scenarios.connector.api.support.Descriptors}), JSON Schema export of a type's settings
 * ({@link dev.scenarios.connector.api.support.JsonSchemas}) and the one duration grammar
 * ({@link dev.scenarios.connector.api.support.Durations}). Pure functions, JDK only.
 *
 * <p>All parameters and results are non-null unless documented otherwise.
 */
package dev.scenarios.connector.api.support;
