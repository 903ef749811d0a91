/**
 * Teaching: guided lessons (Predict, Run, Observe, Explain) whose outcome is computed from the runs they make, the
 * logic of the two-dimensional playground, and reports (self-contained HTML with inline SVG charts, or Markdown)
 * built from stored runs. No JavaFX here: the window ({@code app.lessons}, {@code app.playground}) and the CLI
 * ({@code lesson}, {@code report}) are thin shells over these classes.
 */
package dev.verdant.lesson;
