/**
 * Compression after training: magnitude and structured pruning, low-rank factorisation, post-training
 * quantisation and knowledge distillation, chained by {@link dev.verdant.compress.CompressionPipeline}, each
 * step measured (accuracy, size, FLOPs, latency, inference energy). Networks are edited as plain
 * {@link dev.verdant.compress.Net}s and rebuilt as DJL blocks; temporaries computed from parameters live in
 * {@code NDScope}s, and every batch is closed.
 */
package dev.verdant.compress;
