/**
 * The window's menu actions as small objects: each does one thing in {@code execute()} through the shared
 * {@link dev.verdant.app.AppState}, the feature view models and the {@link dev.verdant.app.DialogService}, and says
 * when it can run; {@link dev.verdant.app.actions.Menus} turns them into menu items. Tests drive them with a
 * recording dialog service and no window.
 */
package dev.verdant.app.actions;
