package dev.verdant.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Datasets shipped inside the jar, so Verdant works offline out of the box:
 * scikit-learn's 8x8 digits (BSD-3-Clause) and the 10,000-image Fashion-MNIST test split (MIT, Zalando SE).
 * Their notices are in {@code NOTICE-datasets.txt} beside the data.
 */
final class BuiltInDatasets {

    private static final String ROOT = "/dev/verdant/data/builtin/";
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private BuiltInDatasets() {
    }

    /** 1,797 digits of 8x8 pixels with values 0-16, scaled to [0, 1]. */
    static LoadedData digits(double validationSplit, long seed) {
        String resource = ROOT + "digits.csv.gz";
        List<String> lines;
        try (InputStream in = resource(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII))) {
            lines = r.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new DatasetException("built-in digits (" + resource + ") cannot be read: " + e.getMessage(), e);
        }
        float[] features = new float[lines.size() * 64];
        int[] labels = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != 65) {
                throw new DatasetException("built-in digits line " + (i + 1) + ": " + cells.length
                        + " cells, expected 64 pixels and a label");
            }
            for (int j = 0; j < 64; j++) {
                features[i * 64 + j] = Float.parseFloat(cells[j]) / 16f;
            }
            labels[i] = Integer.parseInt(cells[64].trim());
        }
        return Datasets.shuffleSplit("digits", new Split(features, labels, 64), validationSplit, seed,
                new long[] {1, 8, 8}, Datasets.numberedClasses(10));
    }

    /** The Fashion-MNIST test split: 10,000 images of 28x28, 10 balanced classes. */
    static LoadedData fashionMnistSmall(double validationSplit, long seed) {
        String imagesName = ROOT + "t10k-images-idx3-ubyte.gz";
        String labelsName = ROOT + "t10k-labels-idx1-ubyte.gz";
        try (InputStream imagesIn = new GZIPInputStream(resource(imagesName), 1 << 16);
             InputStream labelsIn = new GZIPInputStream(resource(labelsName))) {
            IdxReader.Images images = IdxReader.readImages(new java.io.BufferedInputStream(imagesIn, 1 << 16), imagesName);
            byte[] labels = IdxReader.readLabels(labelsIn, labelsName);
            Split all = IdxReader.toSplit(images, labels, imagesName, labelsName);
            return Datasets.shuffleSplit("fashion-mnist-small", all, validationSplit, seed,
                    new long[] {1, images.rows(), images.cols()}, FASHION_CLASSES);
        } catch (IOException e) {
            throw new DatasetException("built-in Fashion-MNIST cannot be read: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BuiltInDatasets.class.getResourceAsStream(name);
        if (in == null) {
            throw new DatasetException("built-in data " + name + " is missing from the jar: rebuild Verdant");
        }
        return in;
    }
}
