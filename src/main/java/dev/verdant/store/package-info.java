/**
 * The run store: every run Verdant makes, with everything needed to reproduce it. {@link dev.verdant.store.RunStore}
 * is the one interface (runs, metrics, artifacts, tags and notes); {@link dev.verdant.store.SqliteRunStore} keeps
 * runs in one SQLite file, written as they happen (each epoch committed as it completes), with model folders that
 * belong to that file; {@link dev.verdant.store.InMemoryRunStore} keeps them in memory for tests that are not about
 * the store. The schema is versioned ({@code PRAGMA user_version}) and documented in {@code docs/store.md} so other
 * tools can read it. Also compares, exports and imports runs.
 * Imports only {@code spec} and {@code result} of Verdant's packages.
 */
package dev.verdant.store;
