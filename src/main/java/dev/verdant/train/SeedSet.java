package dev.verdant.train;

import dev.verdant.data.Datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Class-stratified subsets of a training split, as indices into it: the active-learning seed set and the
 * {@code shots} per class of few-shot transfer. Pure index arithmetic over the labels, so it works whatever the
 * split stores.
 */
public final class SeedSet {

    private SeedSet() {
    }

    /**
     * {@code n} indices spread over the classes as evenly as they allow: classes take turns (in class order), each
     * giving its next sample in a seeded random order; a class that runs out is skipped. Sorted ascending.
     */
    public static int[] stratified(int[] labels, int numClasses, int n, long seed) {
        List<int[]> byClass = shuffledByClass(labels, numClasses, seed);
        int total = Math.min(n, labels.length);
        int[] out = new int[total];
        int[] next = new int[numClasses];
        int k = 0;
        while (k < total) {
            for (int c = 0; c < numClasses && k < total; c++) {
                if (next[c] < byClass.get(c).length) {
                    out[k++] = byClass.get(c)[next[c]++];
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Exactly {@code shots} indices of every class, chosen in a seeded random order; sorted ascending.
     *
     * @throws IllegalArgumentException naming the first class with fewer samples than {@code shots}
     */
    public static int[] perClass(int[] labels, int numClasses, int shots, long seed, List<String> classNames) {
        List<int[]> byClass = shuffledByClass(labels, numClasses, seed);
        int[] out = new int[shots * numClasses];
        int k = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] members = byClass.get(c);
            if (members.length < shots) {
                throw new IllegalArgumentException("class " + classNames.get(c) + " has only " + members.length
                        + " training samples, fewer than shots " + shots);
            }
            System.arraycopy(members, 0, out, k, shots);
            k += shots;
        }
        Arrays.sort(out);
        return out;
    }

    /** Each class's sample indices, shuffled with {@code seed}. */
    private static List<int[]> shuffledByClass(int[] labels, int numClasses, long seed) {
        int[] counts = new int[numClasses];
        for (int l : labels) {
            counts[l]++;
        }
        List<int[]> byClass = new ArrayList<>();
        int[] fill = new int[numClasses];
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new int[counts[c]]);
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i])[fill[labels[i]]++] = i;
        }
        Random r = new Random(seed);
        for (int c = 0; c < numClasses; c++) {
            int[] m = byClass.get(c);
            int[] p = Datasets.permutation(m.length, r);
            int[] shuffled = new int[m.length];
            for (int i = 0; i < m.length; i++) {
                shuffled[i] = m[p[i]];
            }
            byClass.set(c, shuffled);
        }
        return byClass;
    }
}
