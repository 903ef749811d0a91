/**
 * Dataset sources: built-in sets shipped in the jar, synthetic teaching sets, and on-disk formats
 * (IDX, CIFAR binary, CSV), plus a checksummed downloader. Everything loads into plain in-memory
 * arrays ({@link dev.verdant.data.LoadedData}); the training layer turns them into tensors.
 */
package dev.verdant.data;
