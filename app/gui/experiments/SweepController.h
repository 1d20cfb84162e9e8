// Runs a sweep from the workbench: the project's run with one setting varied over the values the
// user gave, K trials at a time on a train::TrialQueue (each trial in its own worker thread and
// task arena: never on the GUI thread). The GUI pulls the trials' state at about 30 Hz (no signal
// per batch or epoch) and gets updated() after each pull that changed something.
// Threading: GUI thread only; the queue's workers never touch this object.
#pragma once

#include "train/SweepParameter.h"
#include "train/TrialQueue.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace layerlab::app::experiments {

class SweepController : public QObject {
    Q_OBJECT
public:
    explicit SweepController(QObject* parent = nullptr);
    /// Kills what still runs and waits for it (a trial stops within a batch).
    ~SweepController() override;

    /// Starts `base` once per value of `parameter`, `parallel` at a time. Returns why it cannot
    /// start (a bad value, a sweep already running), or an empty string.
    QString start(const engine::train::ExperimentConfig& base, engine::train::SweepParameter parameter, const QString& values, int parallel);
    bool isRunning() const { return m_timer.isActive(); }
    /// One label per trial ("lr=0.01") and their state at the last pull.
    const QStringList& labels() const { return m_labels; }
    const std::vector<engine::train::TrialQueue::Trial>& trials() const { return m_trials; }
    /// The finished trial with the lowest validation loss, or -1.
    int best() const;
    void kill(int trial);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

Q_SIGNALS:
    void updated();
    void finished();

private:
    void pull();
    std::unique_ptr<engine::train::TrialQueue> m_queue;
    QStringList m_labels;
    std::vector<engine::train::TrialQueue::Trial> m_trials;
    QTimer m_timer;
    bool m_paused = false;
};

} // namespace layerlab::app::experiments
