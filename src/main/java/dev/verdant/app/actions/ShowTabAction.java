package dev.verdant.app.actions;

import dev.verdant.app.AppState;

/** View -> Live charts / History / Energy: selects a tab by its id (see {@link dev.verdant.app.Tabs}). */
public final class ShowTabAction implements AppAction {

    private final AppState state;
    private final String tabId;

    public ShowTabAction(AppState state, String tabId) {
        this.state = state;
        this.tabId = tabId;
    }

    @Override
    public void execute() {
        state.activeTabProperty().set(tabId);
    }
}
