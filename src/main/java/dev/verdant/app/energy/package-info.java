/**
 * The energy panel: which probes measured a run and why others could not, how the energy was obtained, totals by
 * phase, emissions, cost and teaching equivalents, and
 * each 8-bit quantize step's model on integer kernels (measured on ONNX Runtime, or simulated and why).
 */
package dev.verdant.app.energy;
