// Helpers the window tests share: wait for a condition while the event loop runs, open a project
// and wait until its own data is read and analysed, set a short run. One copy, so a fix to how a
// test waits (the previous project's table once passed for the new one's) reaches every test.
#pragma once

#include "MainWindow.h"
#include "ProjectSession.h"
#include "document/ProjectDocument.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QString>
#include <QTest>

namespace layerlab::tests {

template <class F> bool waitFor(F done, int ms = 30000) {
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) QTest::qWait(10);
    return done();
}

/// Opens `path` and waits until the project is shown and its own data is read and analysed —
/// not the previous project's table, still held while the new file loads (two samples may
/// share one file, so tables are compared by identity).
inline bool openAndLoad(app::MainWindow& w, const QString& path) {
    const void* before = w.session()->table().get();
    QSignalSpy shown(&w, &app::MainWindow::projectShown);
    w.openProject(path);
    if (!shown.wait(10000)) return false;
    return waitFor(
               [&] {
                   const auto a = w.session()->analysis();
                   const auto t = w.session()->table();
                   if (!a || !t || !a->table || t.get() == before) return false;
                   // The analysis of this table: the table itself, or its copy with the derived columns.
                   return a->table.get() == t.get() || a->table->rowCount() == t->rowCount();
               },
               20000) &&
           !w.session()->isLoading();
}

/// A run of `epochs` epochs without early stopping unless `patience` is given (one undo step).
inline void setEpochs(app::MainWindow& w, int epochs, int patience = 0) {
    auto state = w.session()->document()->state();
    state.training.epochs = epochs;
    state.training.patience = patience;
    w.session()->document()->edit(state, QStringLiteral("epochs"));
}

} // namespace layerlab::tests
