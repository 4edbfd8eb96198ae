"""The transcript pane: the list model, its view and row delegate, and what follows playback."""
