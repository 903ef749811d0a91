/**
 * The run store: every run Verdant makes, kept in one SQLite file with everything needed to reproduce it.
 * {@link dev.verdant.store.RunStore} writes runs as they happen (each epoch committed as it completes) and
 * reads, lists, compares, exports and imports them; the schema is versioned ({@code PRAGMA user_version})
 * and documented in {@code docs/store.md} so other tools can read it.
 * Imports only {@code spec} and {@code result} of Verdant's packages.
 */
package dev.verdant.store;
