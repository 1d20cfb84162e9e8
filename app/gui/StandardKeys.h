// Key sequences built from the platform's standard bindings without repeats. Issue 19: Redo got
// Ctrl+Shift+Z twice (ours, and the platform's Redo on KDE and GNOME), and Qt then reports the
// sequence as an "ambiguous shortcut overload" and runs nothing.
#pragma once

#include <QKeySequence>
#include <QList>

namespace layerlab::app {

class StandardKeys {
public:
    /// `platform` (QKeySequence::keyBindings(QKeySequence::Redo)) plus Ctrl+Shift+Z and Ctrl+Y,
    /// each once, the platform's first.
    static QList<QKeySequence> redo(const QList<QKeySequence>& platform);
    /// The same for the running platform.
    static QList<QKeySequence> redo() { return redo(QKeySequence::keyBindings(QKeySequence::Redo)); }
};

} // namespace layerlab::app
