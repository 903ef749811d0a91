package dev.verdant.run;

/**
 * A run's one identity, the same in every view (queue, charts, history, compare, CLI). A stored run is known by
 * its store id from the moment its row exists; a run that is not stored (no store, or it failed before its row was
 * made) by a number local to this process.
 *
 * @param value  the store id, or the local number
 * @param stored whether {@code value} is a store id
 */
public record RunId(long value, boolean stored) {

    /** The id of the stored run {@code id}. */
    public static RunId stored(long id) {
        return new RunId(id, true);
    }

    /** The local number {@code n} of a run that is not stored. */
    public static RunId local(long n) {
        return new RunId(n, false);
    }

    /** {@code run 7}: how every view names the run (History's ID column holds the same number). */
    public String label() {
        return "run " + value;
    }

    /** {@code run 7 <name>}: the run's label in lists, legends and titles. */
    public String label(String name) {
        return label() + " " + name;
    }

    @Override
    public String toString() {
        return label() + (stored ? "" : " (not stored)");
    }
}
