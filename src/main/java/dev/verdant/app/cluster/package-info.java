/**
 * Cluster settings: start and stop this window's cluster coordinator (interface, port, key), the workers that joined
 * with their CPU and GPU, the trials they run, and what the closed door rejected. Remote runs reach the live charts
 * through the window's event pump like local runs.
 */
package dev.verdant.app.cluster;
