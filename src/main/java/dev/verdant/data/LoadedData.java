package dev.verdant.data;

import java.util.List;

/**
 * A dataset ready to train on: training and validation splits, the shape of one sample and the class names.
 *
 * @param name        dataset name as in the spec
 * @param train       training split (after {@code dataset.limit})
 * @param validation  validation split
 * @param sampleShape shape of one sample: {@code [C, H, W]} for images, {@code [F]} for feature vectors
 * @param classNames  one name per class; its size is the number of classes
 * @param sha256      SHA-256 over the content actually used (both splits), for provenance
 */
public record LoadedData(String name, Split train, Split validation, long[] sampleShape, List<String> classNames,
                         String sha256) {

    public int numClasses() {
        return classNames.size();
    }

    /** True for {@code [C, H, W]} image data, which convolutional architectures need. */
    public boolean isImage() {
        return sampleShape.length == 3;
    }
}
