/**
 * Energy measurement: probes (RAPL powercap counters, NVIDIA NVML, a CPU-time estimator), the
 * {@link dev.verdant.energy.EnergyMeter} that samples them per phase, and the conversion of joules to
 * carbon, cost and teaching equivalents. Every figure carries its method label ({@code measured:rapl},
 * {@code estimated:cpu-tdp}, ...). No UI and no printing here; imports only {@code spec} and {@code result}
 * of Verdant's packages, plus JNA for NVML. See {@code docs/energy.md}.
 */
package dev.verdant.energy;
