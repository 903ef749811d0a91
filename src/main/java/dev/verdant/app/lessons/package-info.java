/**
 * The Lessons panel: pick a lesson, read the idea, predict, run (on a background thread, as run groups), observe the
 * measured answer next to the prediction, read the explanation; a presentation mode (large fonts, high contrast, one
 * panel or chart at a time) for a projector. The lessons themselves are {@code dev.verdant.lesson}'s.
 */
package dev.verdant.app.lessons;
