/**
 * The experiment specification: immutable records describing everything needed to reproduce a run,
 * their YAML/JSON codec and their validation. The vocabulary is typed - architectures, norms, activations and the
 * options of compression steps are enums, and each compression step kind is its own record of the sealed
 * {@link dev.verdant.spec.CompressionStepSpec} - while the YAML and JSON keep the strings users write (the contract).
 * {@link dev.verdant.spec.Mappers} holds the one Jackson configuration every layer uses. This package imports
 * nothing else of Verdant's.
 */
package dev.verdant.spec;
