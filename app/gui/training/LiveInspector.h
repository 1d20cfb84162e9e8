// Schedules the live views' work (activations, decision map, judgement) on pool threads, from the
// controller's newest parameter snapshot. Each kind runs at most one job at a time, on one thread
// (its own one-thread TBB arena), only while a view wants it, and waits between jobs for 100 times
// its last duration, so watching costs a few per cent of training throughput whatever the
// network's size (bench/bench_live_views).
// Results arrive as immutable shared objects through the *Ready signals.
// Threading: GUI thread; the jobs read the experiment (immutable once prepared) and a snapshot.
#pragma once

#include "Inspection.h"
#include "TrainingController.h"
#include "style/Colormap.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <optional>

namespace layerlab::app::training {

class LiveInspector : public QObject {
    Q_OBJECT
public:
    enum class Job { Activity, Map, Verdict };
    /// Wait after a job for this many times its duration before the next of its kind, and at
    /// least the kind's minimum interval: showing a result costs the GUI thread a repaint too.
    static constexpr int kIdleFactor = 100;
    static constexpr int kMinIntervalMs[3] = {150, 400, 1000}; // activity, map, verdict

    explicit LiveInspector(TrainingController* controller, QObject* parent = nullptr);
    ~LiveInspector() override;

    void setWanted(Job job, bool wanted);
    bool wanted(Job job) const { return m_jobs[int(job)].wanted; }
    /// The sample whose activations the canvas shows (a table row).
    void setSampleRow(std::size_t row);
    std::size_t sampleRow() const { return m_sampleRow; }
    /// A random validation row, from the run's data.
    void pickRandomSample();
    void setMapAxes(const engine::model::MapAxes& axes, bool neuronMaps);
    const std::optional<engine::model::MapAxes>& mapAxes() const { return m_axes; }
    void setJudgeTest(bool onTest);
    /// Forget results (a reset run).
    void clear();
    /// Forget everything chosen for the last project too: the sample row, the map's axes.
    void forgetProject();

    std::shared_ptr<const Activity> activity() const { return m_activity; }
    std::shared_ptr<const MapPicture> map() const { return m_map; }
    std::shared_ptr<const Verdict> verdict() const { return m_verdict; }

Q_SIGNALS:
    void activityReady();
    void mapReady();
    void verdictReady();
    void failed(const QString& message);

private:
    struct Slot {
        bool wanted = false;
        bool dirty = true;          // inputs changed since the last result
        std::int64_t doneStep = -1; // snapshot step of the last result
        bool running = false;
        qint64 nextAllowedMs = 0;
        QElapsedTimer started;
    };
    void poke();
    void schedule();
    template <class T> void launch(Job job, std::function<std::shared_ptr<const T>()> work, std::shared_ptr<const T>& target,
                                   void (LiveInspector::*ready)());

    TrainingController* m_controller;
    Slot m_jobs[3];
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::size_t m_sampleRow = 0;
    std::optional<engine::model::MapAxes> m_axes;
    bool m_neuronMaps = true;
    bool m_judgeTest = false;
    widgets::style::Colormap m_colors;
    std::shared_ptr<const Activity> m_activity;
    std::shared_ptr<const MapPicture> m_map;
    std::shared_ptr<const Verdict> m_verdict;
    std::uint64_t m_random = 0x9e3779b97f4a7c15ull;
    int m_generation = 0; // results of jobs started before clear() are dropped
};

} // namespace layerlab::app::training
