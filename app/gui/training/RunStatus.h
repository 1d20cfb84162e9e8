// The status bar's account of the run: epoch, step, samples a second, time, and how it ended, or
// that the run shown is the one kept in the project. Redrawn at most four times a second while
// running (each new text relays out the status bar).
// Threading: GUI thread.
#pragma once

#include <QElapsedTimer>
#include <QObject>

class QLabel;

namespace layerlab::app::training {

class TrainingController;

class RunStatus : public QObject {
    Q_OBJECT
public:
    RunStatus(TrainingController* controller, QLabel* label, QObject* parent = nullptr);
    void show();

private:
    TrainingController* m_controller;
    QLabel* m_label;
    QElapsedTimer m_clock;
};

} // namespace layerlab::app::training
