package dev.verdant.data;

/**
 * Hears how a dataset download goes, so a caller can show it (the CLI on stderr, the app in a progress bar);
 * package {@code data} itself never prints. Calls come from the downloading thread.
 */
public interface DownloadProgress {

    /** Ignores everything. */
    DownloadProgress NONE = (file, done, total) -> {
    };

    /**
     * Bytes of {@code file} present so far (a resumed download starts above 0).
     *
     * @param total the file's full size, or -1 when neither the checksum table nor the server says
     */
    void bytes(String file, long done, long total);

    /** A step worth telling the user: skipping a verified file, resuming, retrying, extracting. */
    default void message(String text) {
    }
}
