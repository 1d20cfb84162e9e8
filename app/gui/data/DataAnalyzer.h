// Runs DataAnalysis::build off the GUI thread whenever the table or the data settings change;
// only the newest request's result is delivered (an older one still running is dropped).
// Threading: request() on the GUI thread; analyzed() is emitted on the GUI thread.
#pragma once

#include "DataAnalysis.h"

#include <QFutureWatcher>
#include <QObject>

namespace layerlab::app::data {

class DataAnalyzer : public QObject {
    Q_OBJECT
public:
    using Ptr = std::shared_ptr<const DataAnalysis>;
    explicit DataAnalyzer(QObject* parent = nullptr);
    ~DataAnalyzer() override;
    /// `seed` and `loss` pick the training rows the input screen judges on (the run's).
    void request(std::shared_ptr<const engine::data::Table> table, const engine::data::DataSpec& spec, std::uint64_t seed = 1,
                 engine::train::LossKind loss = engine::train::LossKind::SoftmaxCrossEntropy);
    const Ptr& latest() const { return m_latest; }
    bool isBusy() const { return m_watcher.isRunning() || m_pending; }

Q_SIGNALS:
    void analyzed(std::shared_ptr<const layerlab::app::data::DataAnalysis> analysis);

private:
    void launch();
    QFutureWatcher<Ptr> m_watcher;
    bool m_pending = false;
    std::shared_ptr<const engine::data::Table> m_table;
    engine::data::DataSpec m_spec;
    std::uint64_t m_seed = 1;
    engine::train::LossKind m_loss = engine::train::LossKind::SoftmaxCrossEntropy;
    Ptr m_latest;
};

} // namespace layerlab::app::data
