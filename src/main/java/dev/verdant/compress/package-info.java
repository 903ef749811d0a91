/**
 * Compression after training: magnitude and structured pruning, low-rank factorisation, post-training
 * quantisation and knowledge distillation, chained by {@link dev.verdant.compress.CompressionPipeline}, each
 * step measured (accuracy, size, FLOPs, latency, inference energy). Every step edits the network description
 * ({@link dev.verdant.model.Net}); blocks are rebuilt from it by {@link dev.verdant.model.NetBlocks}, and fine-tuning
 * runs the one training loop ({@link dev.verdant.model.TrainingLoop}) with compression's hooks. Temporaries computed
 * from parameters live in {@code NDScope}s, and every batch is closed.
 */
package dev.verdant.compress;
