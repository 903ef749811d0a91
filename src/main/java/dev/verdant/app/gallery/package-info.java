/** The Architecture gallery: the compact architectures measured side by side, with a teaching note per block. */
package dev.verdant.app.gallery;
