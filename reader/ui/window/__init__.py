"""The reader window, which composes the parts, and what belongs to the window as a whole:
actions and menus, preferences, quoting and export, messages, remembered places."""
