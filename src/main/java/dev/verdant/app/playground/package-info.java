/**
 * The 2-D playground window: the synthetic data as a scatter plot, the decision boundary redrawn as the network
 * trains (predictions computed on the background thread), noise and sample sliders, one epoch at a time, energy so
 * far. The engine is {@code run.PlaygroundSession}; the defaults are {@code lesson.Playground}'s.
 */
package dev.verdant.app.playground;
