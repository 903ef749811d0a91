/**
 * The experiment builder: a form over {@link dev.verdant.spec.ExperimentSpec} whose fields and choice lists come
 * from the spec's own constants, validated by {@link dev.verdant.spec.SpecValidator} as the user types.
 */
package dev.verdant.app.builder;
