/** Verdant, a workbench for green deep learning. {@link dev.verdant.Main} is the entry point. */
package dev.verdant;
