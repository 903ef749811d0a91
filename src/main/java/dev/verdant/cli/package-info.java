/**
 * The command-line interface (picocli): the only package that prints to standard output.
 * Progress and errors go to standard error; results go to standard output or files.
 */
package dev.verdant.cli;
