"""What the reader window shows in its first frame, and the one rule that keeps it quick.

The window is built in two steps. Step one is this package: the `Shell` (menu
titles, the list's place, room for the side area and the transport bar) and a
`FirstFrame` that draws the transcript's opening with the list's own row
painter (`rowpaint`) and theme. Step two, right after that frame, builds the
real parts (reader.ui.transcript, .search, .media) and swaps them in without a
pixel moving (reader.ui.window does it).

The rule, for this package only: nothing here may make PySide6 build the `Qt`
namespace's ~100 enums, QStyle's, or any item-view type before the first frame
(together ~50 ms of start-up). That means no `Qt.` attribute, and no call that
PySide6 resolves among overloads taking one: `QSplitter(parent)`,
`QPalette(palette)`, `QColor(color)`, `QBrush(color)`, `setPen`, `setBrush`,
`fillPath(path, color)`; pass keywords and use brushes from a scratch palette
instead. tests/ui/test_startup.py fails when the rule is broken, and
tests/benchmarks/bench_startup.py measures what it is worth. Modules outside
this package run after the first frame and need not care.
"""
