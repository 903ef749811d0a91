/**
 * Dataset sources: built-in sets shipped in the jar, synthetic teaching sets, and on-disk formats
 * (IDX, CIFAR binary, CSV), plus a checksummed downloader. Everything loads into plain in-memory
 * arrays ({@link dev.verdant.data.LoadedData}); the training layer turns them into tensors. Formats others have
 * written parsers for are read through them (CSV through jackson-dataformat-csv, tar through commons-compress); what
 * stays here is our policy and our messages, which name the file, the line and the problem.
 */
package dev.verdant.data;
