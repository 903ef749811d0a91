/**
 * The experiment specification: immutable records describing everything needed to reproduce a run,
 * their YAML/JSON codec and their validation. This package imports nothing else of Verdant's.
 */
package dev.verdant.spec;
