#include "DataAnalyzer.h"

#include <QtConcurrent/QtConcurrentRun>

namespace layerlab::app::data {

DataAnalyzer::DataAnalyzer(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<Ptr>::finished, this, [this] {
        if (m_pending) { // settings changed meanwhile: this result is stale
            launch();
            return;
        }
        m_latest = m_watcher.result();
        Q_EMIT analyzed(m_latest);
    });
}

DataAnalyzer::~DataAnalyzer() { m_watcher.waitForFinished(); }

void DataAnalyzer::request(std::shared_ptr<const engine::data::Table> table, const engine::data::DataSpec& spec, std::uint64_t seed,
                           engine::train::LossKind loss) {
    m_table = std::move(table);
    m_spec = spec;
    m_seed = seed;
    m_loss = loss;
    if (m_watcher.isRunning()) m_pending = true;
    else launch();
}

void DataAnalyzer::launch() {
    m_pending = false;
    m_watcher.setFuture(QtConcurrent::run([table = m_table, spec = m_spec, seed = m_seed, loss = m_loss] {
        return DataAnalysis::build(table, spec, seed, loss);
    }));
}

} // namespace layerlab::app::data
