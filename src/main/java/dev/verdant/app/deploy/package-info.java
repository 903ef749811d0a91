/** The deployment what-if panel: a stored run's serving cost over its service life (estimated). */
package dev.verdant.app.deploy;
