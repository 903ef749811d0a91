/**
 * What a run produced, as plain values: per-epoch records, final metrics, provenance and power samples.
 * Shared by every layer that reads or writes results (training, run, store, CLI, window); imports only {@code spec}.
 * These records are the result JSON's shape: field names are a contract, so add fields but never rename them.
 */
package dev.verdant.result;
