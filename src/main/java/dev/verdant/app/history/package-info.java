/**
 * Run history, compare and what-if: a sortable, filterable table of stored runs with tags; Compare shows the spec
 * differences, metric deltas and overlaid curves of two or more runs; "Clone and change" and "Re-run" start from a
 * stored run's spec.
 */
package dev.verdant.app.history;
