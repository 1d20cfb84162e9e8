// Owns the background training run for the window (STYLE.md 5–7): Train starts a BackgroundRun,
// the buttons reach its trainer through atomics, and one GUI timer at about 30 Hz pulls what the
// run staged into the controller's own RunHistory. Nothing is signalled per batch: views listen to
// progressed(), emitted at most once per tick, and ask for weights with wantParameters().
//
// States: Idle → Preparing → Running ⇄ Paused → Stopped (Train continues it) or Finished/Failed.
// Reset drops the run: the next Train starts again from the seed's initial weights.
// Threading: GUI thread only; the run's work happens on its own thread.
#pragma once

#include "project/Project.h"
#include "train/BackgroundRun.h"
#include "train/RunRecord.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <thread>

namespace layerlab::engine::data {
class Table;
}

namespace layerlab::app::training {

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Preparing, Running, Paused, Stopped, Finished, Failed };
    static constexpr int kRefreshMs = 33;

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    /// Train: continues a stopped run of the same design and data, else starts a new one on
    /// `table` (the raw table as read; derived columns are added by the run). Returns false with
    /// `error` when nothing could start.
    bool train(const engine::project::Project& project, std::shared_ptr<const engine::data::Table> table, QString* error);
    /// Whether train(project) would continue the stopped run rather than start a new one: only
    /// when the design, data and loss are those the run was started with.
    bool continues(const engine::project::Project& project) const;
    /// Idle: shows a run kept in the project as a finished run, so the Judge, Map and Inside fill
    /// in from it as they do from a live one. The data is prepared again on a pool thread (the split
    /// is seeded); the state becomes Finished once it is, or stays Idle with restoreError() set
    /// when the kept model does not fit the design and data any more. Train starts a new run.
    void restore(const engine::project::Project& project, std::shared_ptr<const engine::data::Table> table,
                 const engine::train::RunRecord& run);
    /// Whether the finished run shown is a kept one (nothing new to keep in the project).
    bool isRestored() const { return m_restored; }
    QString restoreError() const { return m_restoreError; }
    void pause();
    void resume();
    /// One batch (or, with `epoch`, the rest of the current epoch's worth of batches) then pause.
    void step(bool epoch = false);
    void stop();
    /// Drops the run and its history; the next Train starts from the seed's initial weights.
    void reset();
    /// Applies mid-run from the next batch and is marked on the chart. The loss cannot change
    /// mid-run (it fixes the target encoding): returns false and leaves the run as it is.
    bool updateSettings(const engine::train::TrainSettings& settings, QString* error);
    /// The speed to train at for watching, in epochs a second (0 = full speed); applies to the run
    /// now and to every later one. Never changes the weights, only when they are computed.
    void setPace(double epochsPerSecond);
    double pace() const { return m_pace; }
    /// Blocks until a stopping run has ended (window close).
    void shutdown();

    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Preparing || m_state == State::Running || m_state == State::Paused; }
    const engine::train::RunHistory& history() const { return m_history; }
    /// The prepared experiment (data, preprocessing, splits: read-only); null before Preparing ends.
    std::shared_ptr<const engine::train::Experiment> experiment() const { return m_experiment; }
    /// The newest weights published by the run; null until the first snapshot.
    std::shared_ptr<const engine::train::ParameterSnapshot> parameters() const { return m_parameters; }
    /// Asks the run for a fresh weight snapshot; at most one request reaches it per tick.
    void wantParameters() { m_wantParameters = true; }
    std::int64_t stepsDone() const { return m_step; }
    /// The thread the current (or last) run trained on; never the GUI thread.
    std::thread::id trainingThread() const { return m_trainingThread; }
    double epoch() const { return m_epoch; }
    double samplesPerSecond() const { return m_rate; }
    /// Seconds spent training (pauses excluded).
    double elapsedSeconds() const;
    /// The run's result text once Stopped/Finished/Failed ("stopped early at epoch 12: ...").
    QString outcome() const { return m_outcome; }
    /// The finished run's model (best weights when a validation set chose them); needs !isActive().
    std::optional<engine::model::Model> model() const;

Q_SIGNALS:
    void stateChanged(layerlab::app::training::TrainingController::State state);
    /// New epochs, steps or weights since the last emission; at most once per refresh tick.
    void progressed();
    /// restore() found the kept model does not fit the design and data any more.
    void restoreFailed(const QString& message);

private:
    void tick();
    void setState(State s);
    void finish();

    QTimer m_timer;
    std::unique_ptr<engine::train::BackgroundRun> m_run;
    std::shared_ptr<engine::train::Experiment> m_experiment;
    std::string m_fingerprint; // design + data + loss of the current run: Train continues only when equal
    engine::train::RunHistory m_history;
    std::shared_ptr<const engine::train::ParameterSnapshot> m_parameters;
    State m_state = State::Idle;
    bool m_wantParameters = false;
    std::int64_t m_step = 0;
    double m_epoch = 0;
    double m_rate = 0;
    std::thread::id m_trainingThread;
    QElapsedTimer m_clock;
    double m_elapsedBefore = 0; // seconds of earlier running stretches
    QString m_outcome;
    bool m_restored = false;
    double m_pace = 0.0;
    QString m_restoreError;
    int m_restoreGeneration = 0; // a restore finishing under an older generation was cancelled
};

} // namespace layerlab::app::training
