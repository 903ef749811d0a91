package dev.verdant.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File-system and matching helpers that every {@link RunStore} implementation uses alike. */
final class Folders {

    private Folders() {
    }

    /** Deletes a run's model folder and everything in it; a folder that is not there is fine. */
    static void deleteModelFolder(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StoreException("the run was deleted but its model folder " + dir + " could not be: "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StoreException("the run was deleted but its model folder " + dir + " could not be: "
                    + e.getCause().getMessage(), e);
        }
    }

    /**
     * SQLite's GLOB as a regular expression: case-sensitive, {@code *} any text, {@code ?} one character,
     * {@code [...]} a set with ranges ({@code [^...]} negated); everything else literal.
     */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            int close = ch == '[' ? glob.indexOf(']', i + 2) : -1;
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '?') {
                regex.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close);
                boolean negated = set.startsWith("^");
                regex.append(negated ? "[^" : "[");
                for (char s : (negated ? set.substring(1) : set).toCharArray()) {
                    if ("\\[]^&".indexOf(s) >= 0) {
                        regex.append('\\');
                    }
                    regex.append(s);
                }
                regex.append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
