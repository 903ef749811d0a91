package dev.verdant.cluster;

import java.util.List;

/**
 * A file dataset by content: the hash of the whole set and each file's relative path, size and SHA-256. A worker
 * uses its own copy when a file with that hash is in its data folder, and otherwise fetches the file from the
 * coordinator in chunks, checking the hash before use.
 *
 * @param sha256 the hash over every file's path and hash (names the set)
 * @param file   true when the spec's path is one file (csv), false for a folder (mnist, cifar10)
 * @param files  the files, relative to the spec's path (for a single file, its own name)
 */
record DataRef(String sha256, boolean file, List<DataFile> files) {

    /** One file of a dataset. */
    record DataFile(String path, long size, String sha256, int chunks) {
    }
}
